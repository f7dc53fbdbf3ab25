package dev.ordersaga.order;

import java.util.Optional;

/**
 * The outcome of applying a saga step to an order.
 *
 * @param order the order after the step (the same instance when nothing changed)
 * @param changed whether the order must be saved
 * @param event the event that announces the step: present on a change, and also when the
 * step had already happened, so that a redelivered input re-emits the identical event
 * (same {@code ce_id})
 */
public record Transition(Order order, boolean changed, Optional<OrderEvent> event) {

	static Transition changed(Order order, OrderEvent event) {
		return new Transition(order, true, Optional.of(event));
	}

	static Transition unchanged(Order order, OrderEvent replayed) {
		return new Transition(order, false, Optional.of(replayed));
	}

	static Transition rejected(Order order) {
		return new Transition(order, false, Optional.empty());
	}
}
