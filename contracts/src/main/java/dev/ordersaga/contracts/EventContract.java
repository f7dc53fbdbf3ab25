package dev.ordersaga.contracts;

import java.util.Map;

/**
 * One messaging contract: what {@code consumer} needs of the {@code type} events that
 * {@code producer} publishes on {@code destination}.
 *
 * @param producer the service that publishes the event (first folder under
 * {@code contracts/})
 * @param consumer the service that relies on it (second folder)
 * @param file the contract's file name, e.g. {@code order_created_v1.groovy}
 * @param label what a consumer test triggers, e.g.
 * {@code order.created.v1 for customer-fn}
 * @param type the {@code ce_type} header
 * @param destination the topic, e.g. {@code order-events}
 * @param exampleHeaders the headers of the stub message, as Stub Runner sends them
 * @param exampleBody the body of the stub message, as Stub Runner sends it
 */
public record EventContract(String producer, String consumer, String file, String label, String type,
		String destination, Map<String, Object> exampleHeaders, Map<String, Object> exampleBody) {

	/** A field of the stub message's body, e.g. {@code example("orderId")}. */
	public String example(String field) {
		Object value = exampleBody.get(field);
		if (value == null) {
			throw new IllegalArgumentException("Contract '" + label + "' has no field " + field + " in its body");
		}
		return value.toString();
	}

	/** The label: names parameterized tests. */
	@Override
	public String toString() {
		return label;
	}

}
