package dev.ordersaga.sandbox;

import java.time.Instant;

/** A refund the sandbox executed (always of a whole charge). */
public record Refund(String id, String chargeId, String orderId, long amount, String currency, String idempotencyKey,
		Instant created) {
}
