package dev.ordersaga.audit;

import java.util.Optional;

/**
 * Reads a dead letter's record from its dead-letter topic and republishes it to the topic
 * it failed on.
 */
public interface RecordReplay {

	/** Header naming who replayed a record. */
	String REPLAYED_BY = "x-replayed-by";

	/** Header naming the dead letter (its id) a record is a replay of. */
	String REPLAY_OF = "x-replay-of";

	/** Header saying when a record was replayed. */
	String REPLAYED_AT = "x-replayed-at";

	/**
	 * The record as the dead-letter topic holds it, or empty when the topic no longer has
	 * it (retention).
	 */
	Optional<DeadLetterRecord> read(DeadLetter letter);

	/**
	 * Publishes the record again to the topic it failed on, with its key, body and
	 * CloudEvents headers (so the same {@code ce_id}), without the dead-letter headers,
	 * and with {@link #REPLAYED_BY}, {@link #REPLAY_OF} and {@link #REPLAYED_AT}. Returns
	 * once the broker acknowledged it.
	 * @return where it landed
	 * @throws RecordGoneException when the dead-letter topic no longer holds the record
	 */
	Position replay(DeadLetter letter, String by);

	/** The dead-letter topic no longer holds the record (its retention removed it). */
	class RecordGoneException extends RuntimeException {

		public RecordGoneException(String message) {
			super(message);
		}

	}

}
