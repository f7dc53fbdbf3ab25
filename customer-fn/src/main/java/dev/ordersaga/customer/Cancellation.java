package dev.ordersaga.customer;

import java.time.Instant;
import java.util.Objects;

/**
 * An order cancelled before customer-fn reserved credit for it. Kept so that its
 * {@code OrderCreated}, should it arrive late (replayed from the dead-letter topic, or
 * overtaken after partitions were added), reserves nothing for an order that is over.
 *
 * @param at when the cancellation was handled
 */
public record Cancellation(OrderId orderId, Instant at) {

	public Cancellation {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(at, "at");
	}
}
