package dev.ordersaga.audit;

import java.util.Map;

/**
 * Where every dead letter is stored once (its position is the key), whether or not it
 * belongs to an order: the idempotency record of the dead-letter topics and their count.
 * Events are stored on their saga ({@link Sagas}).
 */
public interface AuditLog {

	/** What storing a record did. */
	enum Recorded {

		/** First time this event (or dead letter) was seen. */
		NEW,
		/**
		 * Another record carried an event already stored: a duplicate delivery by its
		 * producer, counted on the event.
		 */
		DUPLICATE,
		/**
		 * The very record was read before (a redelivery to audit-fn): nothing changed.
		 */
		REDELIVERED

	}

	Recorded record(DeadLetter deadLetter);

	/** Stored dead letters per dead-letter topic; read once at start-up. */
	Map<String, Long> deadLettersByTopic();

}
