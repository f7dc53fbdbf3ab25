package dev.ordersaga.payment;

import java.time.Instant;

/** One step of a payment's history. */
public record StatusChange(PaymentStatus status, Instant at) {
}
