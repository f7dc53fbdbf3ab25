package dev.ordersaga.support.logging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.MDC;

/**
 * Puts the saga keys into the MDC for the duration of a handler and restores what was
 * there before on {@link #close()}:
 * <ul>
 * <li>{@value #ORDER_ID} – the order the event or e-mail is about (profile events carry
 * {@value #CUSTOMER_ID} instead);</li>
 * <li>{@value #CE_TYPE} and {@value #CE_ID} – the CloudEvents type and id of the event
 * being handled or published.</li>
 * </ul>
 * {@code traceId} and {@code spanId} come from Micrometer Tracing while a span is in
 * scope. Boot's structured console format ({@code logging.structured.format.console})
 * writes every MDC key as a field of its own.
 *
 * <pre>{@code
 * try (SagaLogContext context = SagaLogContext.event(type, id, subject)) {
 *     ... every line logged here carries orderId and ce_type
 * }
 * }</pre>
 */
public final class SagaLogContext implements AutoCloseable {

	/** MDC key of the order id. */
	public static final String ORDER_ID = "orderId";

	/** MDC key of the customer id, for customer profile events. */
	public static final String CUSTOMER_ID = "customerId";

	/** MDC key of the CloudEvents type. */
	public static final String CE_TYPE = "ce_type";

	/** MDC key of the CloudEvents id. */
	public static final String CE_ID = "ce_id";

	/** Profile events are keyed by customer id, every other saga event by order id. */
	private static final String[] PROFILE_TYPES = { "customer.registered.", "customer.updated." };

	/** The values the keys had before, {@code null} for absent, in insertion order. */
	private final Map<String, String> previous = new LinkedHashMap<>();

	private SagaLogContext() {
	}

	/** An empty context; add keys with {@link #with(String, String)}. */
	public static SagaLogContext empty() {
		return new SagaLogContext();
	}

	/**
	 * The context of one saga event: {@code ce_type}, {@code ce_id} and its subject as
	 * {@code orderId} (or {@code customerId} for profile events). {@code null} values are
	 * left out.
	 */
	public static SagaLogContext event(String type, String id, String subject) {
		return new SagaLogContext().with(CE_TYPE, type)
			.with(CE_ID, id)
			.with(isProfile(type) ? CUSTOMER_ID : ORDER_ID, subject);
	}

	/** The context of work on one order outside an event handler (e.g. an e-mail). */
	public static SagaLogContext order(String orderId) {
		return new SagaLogContext().with(ORDER_ID, orderId);
	}

	/** Adds one key for the lifetime of this context; a {@code null} value is ignored. */
	public SagaLogContext with(String key, String value) {
		if (value != null) {
			if (!previous.containsKey(key)) {
				previous.put(key, MDC.get(key));
			}
			MDC.put(key, value);
		}
		return this;
	}

	/** Restores every key this context set to its value before. */
	@Override
	public void close() {
		previous.forEach((key, value) -> {
			if (value == null) {
				MDC.remove(key);
			}
			else {
				MDC.put(key, value);
			}
		});
		previous.clear();
	}

	private static boolean isProfile(String type) {
		if (type == null) {
			return false;
		}
		for (String prefix : PROFILE_TYPES) {
			if (type.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
