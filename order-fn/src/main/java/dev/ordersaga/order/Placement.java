package dev.ordersaga.order;

/** What placing an order led to. */
public sealed interface Placement {

	/** A new order, pending the credit decision. */
	record Placed(Order order) implements Placement {
	}

	/**
	 * A retry of an earlier request with the same idempotency key: the order it created.
	 */
	record Replayed(Order order) implements Placement {
	}

	/**
	 * The idempotency key was used before for a different request; nothing was created.
	 */
	record KeyReused(OrderId existing) implements Placement {
	}

}
