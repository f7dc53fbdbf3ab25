package dev.ordersaga.order;

import java.time.Instant;

/**
 * What the deadline sweep reads of an open order.
 *
 * @param id the order
 * @param payBy its saga deadline
 * @param status where it stands
 */
public record OrderDeadline(OrderId id, Instant payBy, OrderStatus status) {
}
