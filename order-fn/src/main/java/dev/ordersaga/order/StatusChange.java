package dev.ordersaga.order;

import java.time.Instant;

/** One step of an order's history. */
public record StatusChange(OrderStatus status, Instant at) {
}
