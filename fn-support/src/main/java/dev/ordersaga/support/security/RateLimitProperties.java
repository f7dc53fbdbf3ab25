package dev.ordersaga.support.security;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-caller rate limits of the endpoints that create things (abuse limits, OWASP API4).
 * A caller is the token's subject; over its limit it gets 429 problem+json with
 * {@code Retry-After}. Operators (scope {@code saga.operate}) are not limited: their
 * tools (load benchmark, fault suite) are trusted, and their tokens are few.
 *
 * @param enabled {@code false} switches every limit off
 * @param rules the limits by name, e.g. {@code place-order}
 * @param callerIdleExpiry how long the limiter of a caller who sends nothing is kept
 */
@ConfigurationProperties("saga.http.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, Map<String, Rule> rules,
		@DefaultValue("10m") Duration callerIdleExpiry) {

	public RateLimitProperties {
		rules = rules == null ? Map.of() : Map.copyOf(rules);
	}

	/**
	 * One limit.
	 *
	 * @param method the HTTP method it applies to
	 * @param path the exact request path it applies to, e.g. {@code /orders}
	 * @param limit requests a caller may send per period
	 * @param period the period after which a caller's permits are refilled
	 */
	public record Rule(String method, String path, int limit, Duration period) {
	}

}
