package dev.ordersaga.audit;

import java.util.Optional;

/** Told what the audit did, e.g. to count it in metrics. */
public interface AuditObserver {

	default void eventRecorded(SagaEvent event, AuditLog.Recorded outcome) {
	}

	default void deadLetterRecorded(DeadLetter deadLetter, AuditLog.Recorded outcome) {
	}

	/** A person replayed or discarded a dead letter. */
	default void deadLetterActed(DeadLetter deadLetter, DeadLetterAction action) {
	}

	/** A saga's stored report changed (once per change, never for a re-read record). */
	default void sagaChanged(Optional<SagaReport> before, SagaReport after) {
	}

}
