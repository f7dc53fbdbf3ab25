package dev.ordersaga.sandbox;

import java.time.Instant;

/**
 * One request to the {@code /v1} API as the sandbox saw it, for tests and demos that must
 * prove what a client did (e.g. that a retry was a replay, or that no request was made at
 * all).
 *
 * @param orderId the order the request was about, when the sandbox could tell (charge
 * metadata, the charge a refund refers to, a search query); {@code null} for requests
 * refused before reading the body
 * @param status the HTTP status answered
 * @param outcome {@code executed}, {@code replayed} (idempotent replay of a stored
 * answer), {@code refused} (outage, bad API key) or {@code rejected} (invalid request,
 * nothing stored)
 * @param traceparent the W3C trace context the client sent, if any: which trace made the
 * call
 */
public record ApiRequest(Instant at, String method, String path, String idempotencyKey, String orderId, int status,
		String outcome, String traceparent) {

	static final String EXECUTED = "executed";

	static final String REPLAYED = "replayed";

	static final String REFUSED = "refused";

	static final String REJECTED = "rejected";

}
