package dev.ordersaga.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * What a person did with a dead letter. Recorded on the dead letter and shown on its
 * order's timeline, so that every replay and every discard can be traced to who, when and
 * why.
 *
 * @param id unique id of the action; applying it twice changes nothing
 * @param kind what was done
 * @param by who did it (the authenticated principal, or {@code anonymous})
 * @param at when
 * @param reason why (required for a discard, optional for a replay)
 * @param replayedTo for a replay: where the republished record landed
 */
public record DeadLetterAction(String id, Kind kind, String by, Instant at, String reason, Position replayedTo) {

	/** The kinds of action. */
	public enum Kind {

		/**
		 * Republished to its original topic with its key and CloudEvents headers (same
		 * {@code ce_id}), marked as a replay.
		 */
		REPLAYED,
		/** Set aside on purpose, with a reason; never replayed by a bulk replay. */
		DISCARDED

	}

	public DeadLetterAction {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(by, "by");
		Objects.requireNonNull(at, "at");
	}

}
