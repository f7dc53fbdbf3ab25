package dev.ordersaga.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The saga documents: one per order, the latest report and a version. */
public interface Sagas {

	/** A stored report and the version it was stored with. */
	record Stored(SagaReport report, long version) {
	}

	Optional<Stored> find(String orderId);

	/**
	 * Stores the report if the saga is still at {@code expectedVersion} ({@code null}:
	 * not stored yet). One conditional single-document write.
	 * @return {@code false} when someone else stored a newer report meanwhile
	 */
	boolean save(SagaReport report, Long expectedVersion);

	/** Orders whose verdict may change by now without a new event. */
	List<String> dueForCheck(Instant now, int limit);

}
