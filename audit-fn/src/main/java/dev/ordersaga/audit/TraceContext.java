package dev.ordersaga.audit;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The W3C trace context an event carried in its {@code traceparent} header
 * ({@code 00-<trace-id>-<parent-id>-<flags>}): events of one trace share the trace id.
 *
 * @param traceId 32 lower-case hex digits
 * @param spanId 16 lower-case hex digits: the producer's span
 */
public record TraceContext(String traceId, String spanId) {

	private static final Pattern TRACEPARENT = Pattern
		.compile("^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$");

	private static final String INVALID_TRACE = "0".repeat(32);

	private static final String INVALID_SPAN = "0".repeat(16);

	/**
	 * @return empty for a missing or malformed header, or the all-zero invalid ids
	 */
	public static Optional<TraceContext> parse(String traceparent) {
		if (traceparent == null) {
			return Optional.empty();
		}
		var match = TRACEPARENT.matcher(traceparent.trim().toLowerCase(java.util.Locale.ROOT));
		if (!match.matches() || "ff".equals(match.group(1)) || INVALID_TRACE.equals(match.group(2))
				|| INVALID_SPAN.equals(match.group(3))) {
			return Optional.empty();
		}
		return Optional.of(new TraceContext(match.group(2), match.group(3)));
	}

}
