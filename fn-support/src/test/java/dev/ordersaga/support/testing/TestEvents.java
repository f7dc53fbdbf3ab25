package dev.ordersaga.support.testing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ordersaga.support.events.EventIds;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Events as a foreign producer publishes them, for tests that feed a service's input
 * binding directly: JSON body, CloudEvents headers as strings.
 */
public final class TestEvents {

	private TestEvents() {
	}

	/**
	 * An event of {@code subject} (the order, or the customer of a profile), with the
	 * deterministic id its producer would give it and a fixed time.
	 */
	public static Message<byte[]> event(String type, String subject, String body) {
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put("ce_id", EventIds.of(subject, type));
		headers.put("ce_type", type);
		headers.put("ce_source", "/contract-test");
		headers.put("ce_specversion", "1.0");
		headers.put("ce_subject", subject);
		headers.put("ce_time", "2026-11-25T10:00:00Z");
		return MessageBuilder.withPayload(body.getBytes(StandardCharsets.UTF_8)).copyHeaders(headers).build();
	}

}
