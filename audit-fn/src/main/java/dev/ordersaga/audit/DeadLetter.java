package dev.ordersaga.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A record some service could not process and moved to a dead-letter topic.
 *
 * @param position where it sits in the dead-letter topic; its identity
 * @param orderId the order it belongs to (record key or {@code ce_subject}), or
 * {@code null} when it came from a topic that is not keyed by order
 * @param original where the service read it ({@code x-original-*} headers), or
 * {@code null}
 * @param eventId its {@code ce_id}, when it had one
 * @param eventType its {@code ce_type}, when it had one
 * @param reason {@code x-exception-message}
 * @param exceptionType {@code x-exception-fqcn}
 * @param time when it was dead-lettered (record timestamp)
 * @param observedAt when audit-fn read it
 */
public record DeadLetter(Position position, String orderId, Position original, String eventId, String eventType,
		String reason, String exceptionType, Instant time, Instant observedAt) {

	public DeadLetter {
		Objects.requireNonNull(position, "position");
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(observedAt, "observedAt");
	}

	public String id() {
		return position.key();
	}

	Evidence evidence() {
		String note = (original == null ? "" : "from " + original.key() + ": ") + (reason == null ? "" : reason);
		return new Evidence(eventId == null ? id() : eventId, eventType == null ? "(unknown)" : eventType,
				position.topic(), position.partition(), position.offset(), time, note.isBlank() ? null : note);
	}

}
