package dev.ordersaga.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * @param replayOf the dead letter this record is a replay of ({@code x-replay-of}): the
 * replay failed again; {@code null} for a first failure
 * @param actions what people did with it, oldest first
 * @param key the record key as text, or {@code null}
 */
public record DeadLetter(Position position, String orderId, Position original, String eventId, String eventType,
		String reason, String exceptionType, Instant time, Instant observedAt, String replayOf,
		List<DeadLetterAction> actions, String key) {

	public DeadLetter {
		Objects.requireNonNull(position, "position");
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(observedAt, "observedAt");
		actions = actions == null ? List.of() : List.copyOf(actions);
	}

	/** A dead letter as it is read, before anyone acted on it. */
	public DeadLetter(Position position, String orderId, Position original, String eventId, String eventType,
			String reason, String exceptionType, Instant time, Instant observedAt) {
		this(position, orderId, original, eventId, eventType, reason, exceptionType, time, observedAt, null, List.of(),
				null);
	}

	/**
	 * Still waiting for a person: neither replayed nor discarded. Only open dead letters
	 * break the {@code dead-letter} rule; a replay that fails again arrives as a new,
	 * open dead letter.
	 */
	public boolean open() {
		return actions.isEmpty();
	}

	public boolean discarded() {
		return actions.stream().anyMatch(action -> action.kind() == DeadLetterAction.Kind.DISCARDED);
	}

	public boolean replayed() {
		return actions.stream().anyMatch(action -> action.kind() == DeadLetterAction.Kind.REPLAYED);
	}

	/**
	 * This dead letter with the action added; unchanged if the action is on it already.
	 */
	public DeadLetter with(DeadLetterAction action) {
		if (actions.stream().anyMatch(known -> known.id().equals(action.id()))) {
			return this;
		}
		List<DeadLetterAction> more = new ArrayList<>(actions);
		more.add(action);
		return new DeadLetter(position, orderId, original, eventId, eventType, reason, exceptionType, time, observedAt,
				replayOf, more, key);
	}

	/**
	 * This dead letter as it was read: its record key and the replay marker it carried
	 * ({@code null}: none).
	 */
	public DeadLetter read(String recordKey, String replayOfId) {
		return new DeadLetter(position, orderId, original, eventId, eventType, reason, exceptionType, time, observedAt,
				replayOfId, actions, recordKey);
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
