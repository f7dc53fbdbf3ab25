package dev.ordersaga.audit;

import java.util.List;

/**
 * Where every event is stored once (its {@code ce_id} is the key) and every dead letter
 * once (its position is the key). Storing is the audit's idempotency record: a record
 * read again after a restart or a rewind changes nothing.
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

	Recorded record(SagaEvent event);

	Recorded record(DeadLetter deadLetter);

	List<SagaEvent> events(String orderId);

	List<DeadLetter> deadLetters(String orderId);

}
