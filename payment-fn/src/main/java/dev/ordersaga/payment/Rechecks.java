package dev.ordersaga.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When payments decided without a charge are looked at again (see
 * {@link PaymentManagement#recheck}). One entry per order at most, kept apart from the
 * payments so that finding the due ones reads only the few that are still waiting, never
 * the whole payment collection. Single-document writes only.
 */
public interface Rechecks {

	/**
	 * Looks at the order's payment again at {@code due} (replacing an earlier entry).
	 * @param attempt which re-check this is, from 0
	 */
	void schedule(OrderId orderId, int attempt, Instant due);

	/**
	 * Re-checks due at {@code now}, each claimed for {@code lease}: until then no other
	 * replica takes it; after it, one that was neither rescheduled nor removed is due
	 * again.
	 */
	List<Recheck> claimDue(Instant now, Duration lease, int limit);

	/** No more re-checks of the order. */
	void remove(OrderId orderId);

	/**
	 * @param attempt which re-check this is, from 0
	 */
	record Recheck(OrderId orderId, int attempt) {
	}

}
