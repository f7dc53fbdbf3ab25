package dev.ordersaga.audit;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The saga documents: one per order, keyed by the order id, holding the latest report,
 * every event and dead letter of the order, and a version. Reading and updating a saga is
 * one read and one conditional write by key, however many orders are stored.
 */
public interface Sagas {

	/** A stored saga and the version it was stored with. */
	record Stored(SagaReport report, long version, List<SagaEvent> events, List<DeadLetter> deadLetters) {

		public Stored {
			events = List.copyOf(events);
			deadLetters = List.copyOf(deadLetters);
		}

	}

	Optional<Stored> find(String orderId);

	/**
	 * Stores the saga if it is still at {@code expectedVersion} ({@code null}: not stored
	 * yet). One conditional single-document write.
	 * @return the new version, or empty when someone else stored a newer saga meanwhile
	 */
	Optional<Long> save(SagaReport report, List<SagaEvent> events, List<DeadLetter> deadLetters, Long expectedVersion);

	/**
	 * Every stored report with its version, without the events: read once at start-up to
	 * rebuild the in-memory overview.
	 */
	void forEachReport(Consumer<Stored> report);

}
