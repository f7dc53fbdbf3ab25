package dev.ordersaga.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of a saga as audit-fn stored it, once per {@code ce_id}.
 *
 * @param id {@code ce_id}
 * @param orderId {@code ce_subject}, or the record key when the subject is missing
 * @param type {@code ce_type}
 * @param source {@code ce_source}, the producing service, e.g. {@code /order-fn}
 * @param time {@code ce_time}: when it happened at the producer (the record timestamp
 * when the header is missing)
 * @param position where the first copy was read
 * @param trace the W3C trace context it carried, or {@code null}
 * @param observedAt when audit-fn first read it
 * @param facts the few body fields the rules and the timeline show (see {@link #PAY_BY}
 * and friends); never payment tokens
 * @param copies how many different records carried this event; more than one means it was
 * delivered twice (counted, not an error)
 * @param positions the positions ({@link Position#key()}) of the records that carried it,
 * to tell another copy from the same record read again
 */
public record SagaEvent(String id, String orderId, String type, String source, Instant time, Position position,
		TraceContext trace, Instant observedAt, Map<String, String> facts, int copies, List<String> positions) {

	/** {@code order.approved.v1}: the saga deadline. */
	public static final String PAY_BY = "payBy";

	/** {@code order.created.v1}: placement time. */
	public static final String CREATED_AT = "createdAt";

	/** {@code order.cancelled.v1}, {@code payment.failed.v1}, {@code email.failed.v1}. */
	public static final String REASON = "reason";

	/** {@code email.sent.v1}, {@code email.failed.v1}: what the e-mail was about. */
	public static final String KIND = "kind";

	public SagaEvent {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(position, "position");
		Objects.requireNonNull(observedAt, "observedAt");
		facts = facts == null ? Map.of() : Map.copyOf(facts);
		positions = positions == null || positions.isEmpty() ? List.of(position.key()) : List.copyOf(positions);
		copies = Math.max(1, Math.max(copies, positions.size()));
	}

	/** An event as read from one record. */
	public SagaEvent(String id, String orderId, String type, String source, Instant time, Position position,
			TraceContext trace, Instant observedAt, Map<String, String> facts, int copies) {
		this(id, orderId, type, source, time, position, trace, observedAt, facts, copies, List.of(position.key()));
	}

	/** The same event, also carried by the record at {@code other}. */
	public SagaEvent withCopyAt(Position other) {
		List<String> more = new ArrayList<>(positions);
		more.add(other.key());
		return new SagaEvent(id, orderId, type, source, time, position, trace, observedAt, facts, more.size(), more);
	}

	public Optional<String> fact(String name) {
		return Optional.ofNullable(facts.get(name));
	}

	/**
	 * The fact as an instant in milliseconds (the precision times are stored with), empty
	 * when absent or not ISO-8601.
	 */
	public Optional<Instant> instantFact(String name) {
		return fact(name).flatMap(value -> {
			try {
				return Optional.of(Instant.parse(value).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
			}
			catch (java.time.format.DateTimeParseException ex) {
				return Optional.empty();
			}
		});
	}

	/** The service that produced it: {@code order-fn} for source {@code /order-fn}. */
	public String producer() {
		return producerOf(source);
	}

	static String producerOf(String source) {
		if (source == null || source.isBlank()) {
			return "unknown";
		}
		String trimmed = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
		return trimmed.substring(trimmed.lastIndexOf('/') + 1);
	}

	/**
	 * When the audit can expect the consequences of this event to be visible: the later
	 * of when it happened and when audit-fn read it (so a backlog read after a restart is
	 * judged by the time it is read, not by its age).
	 */
	Instant seenAt() {
		return time.isAfter(observedAt) ? time : observedAt;
	}

	public int duplicates() {
		return Math.max(0, copies - 1);
	}

	Evidence evidence() {
		return new Evidence(id, type, position.topic(), position.partition(), position.offset(), time, null);
	}

}
