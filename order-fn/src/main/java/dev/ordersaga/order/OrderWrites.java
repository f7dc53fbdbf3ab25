package dev.ordersaga.order;

import java.util.List;

/**
 * Writes of an order together with the events it publishes through the outbox, each one
 * atomic on its own document (no multi-document transaction).
 */
public interface OrderWrites {

	/**
	 * Inserts a new order with its events in the outbox.
	 * @throws org.springframework.dao.DuplicateKeyException when an order with that id
	 * exists
	 */
	void insert(Order order, List<OrderEvent> outbox);

	/**
	 * Replaces {@code current} by {@code next} if nobody changed it meanwhile (optimistic
	 * concurrency on the version), appending {@code outbox} events in the same write.
	 * @return {@code false} when the order changed since it was read: reload and decide
	 * again
	 */
	boolean update(Order current, Order next, List<OrderEvent> outbox);

}
