package dev.ordersaga.order;

import java.util.List;

/**
 * A request to place an order, already validated at the edge.
 *
 * @param idempotencyKey the client's key and request fingerprint, or {@code null}
 */
public record PlaceOrder(CustomerId customerId, String paymentMethod, List<OrderLine> lines,
		IdempotencyKey idempotencyKey) {
}
