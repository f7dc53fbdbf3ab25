package dev.ordersaga.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * One answer of the {@code /v1} API: status and JSON body, kept as text so that an
 * idempotent replay is byte-for-byte the first answer.
 *
 * @param replayed whether this is the stored answer of an earlier request with the same
 * idempotency key
 */
record ApiAnswer(int status, String body, boolean replayed) {

	private static final JsonMapper JSON = JsonMapper.shared();

	static ApiAnswer ok(Object body) {
		return new ApiAnswer(200, JSON.writeValueAsString(body), false);
	}

	/**
	 * A body that claims to be JSON but is not a valid answer; what {@code tok_malformed}
	 * produces.
	 */
	static ApiAnswer malformed(String text) {
		return new ApiAnswer(200, text, false);
	}

	/**
	 * A Stripe-style error: {@code {"error":{"type":…,"code":…,"message":…}}} plus any
	 * extra members.
	 */
	static ApiAnswer error(int status, String type, String code, String message, Map<String, Object> extra) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("type", type);
		if (code != null) {
			error.put("code", code);
		}
		error.put("message", message);
		if (extra != null) {
			error.putAll(extra);
		}
		return new ApiAnswer(status, JSON.writeValueAsString(Map.of("error", error)), false);
	}

	ApiAnswer asReplay() {
		return new ApiAnswer(status, body, true);
	}

	/**
	 * Whether the answer is stored under its idempotency key: everything that began
	 * executing (success, decline, server error); not requests rejected before execution,
	 * which a client may correct and send again.
	 */
	boolean storable() {
		return status < 400 || status == 402 || status >= 500;
	}
}
