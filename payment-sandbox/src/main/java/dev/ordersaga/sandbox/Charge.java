package dev.ordersaga.sandbox;

import java.time.Instant;

/**
 * A charge the sandbox executed: one per first request of an idempotency key that reached
 * a test card. Replays of the key return the stored answer and execute nothing.
 *
 * @param orderId {@code metadata.orderId} of the request, if any
 * @param status {@code succeeded} or {@code failed} (declined)
 * @param failureCode why a failed charge failed, e.g. {@code card_declined}
 * @param idempotencyKey the key of the request that executed it
 */
public record Charge(String id, String orderId, long amount, String currency, String source, String status,
		String failureCode, String idempotencyKey, Instant created, boolean refunded) {

	static final String SUCCEEDED = "succeeded";

	static final String FAILED = "failed";

	boolean succeeded() {
		return SUCCEEDED.equals(status);
	}

	Charge markRefunded() {
		return new Charge(id, orderId, amount, currency, source, status, failureCode, idempotencyKey, created, true);
	}
}
