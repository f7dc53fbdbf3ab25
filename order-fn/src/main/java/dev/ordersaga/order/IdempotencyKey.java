package dev.ordersaga.order;

/**
 * The client's {@code Idempotency-Key} and a fingerprint of the request it came with; a
 * retry must carry the same request to be answered with the first order.
 */
public record IdempotencyKey(String key, String requestFingerprint) {
}
