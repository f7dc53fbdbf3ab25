package dev.ordersaga.support.events;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.messaging.MessageHeaders;

/**
 * CloudEvents attribute names in the Kafka protocol binding (binary content mode): every
 * attribute is a record header {@code ce_<name>} whose value is the UTF-8 string form of
 * the attribute.
 */
public final class CloudEventHeaders {

	public static final String ID = "ce_id";

	public static final String TYPE = "ce_type";

	public static final String SOURCE = "ce_source";

	public static final String SPEC_VERSION = "ce_specversion";

	public static final String TIME = "ce_time";

	public static final String SUBJECT = "ce_subject";

	/** W3C trace context, carried beside the CloudEvents attributes. */
	public static final String TRACEPARENT = "traceparent";

	public static final String SPEC_VERSION_1_0 = "1.0";

	/**
	 * Prefixes other CloudEvents bindings (HTTP, AMQP, Spring's canonical form) use for
	 * the same attributes.
	 */
	private static final List<String> PREFIXES = List.of("ce_", "ce-", "cloudEvents_", "cloudEvents:");

	private CloudEventHeaders() {
	}

	/**
	 * Reads one attribute whatever prefix the producer used and whether the binder handed
	 * the value over as a {@code String} or as raw bytes.
	 * @param attribute the attribute name without prefix, e.g. {@code "type"}
	 * @return the value, or {@code null} when absent or blank
	 */
	public static String read(MessageHeaders headers, String attribute) {
		for (String prefix : PREFIXES) {
			String value = asString(headers.get(prefix + attribute));
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

	static String asString(Object value) {
		return switch (value) {
			case null -> null;
			case String s -> s;
			case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
			default -> value.toString();
		};
	}

}
