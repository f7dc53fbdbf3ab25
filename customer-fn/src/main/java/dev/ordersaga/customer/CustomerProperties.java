package dev.ordersaga.customer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Settings of customer-fn.
 *
 * @param writeAttempts how often a step re-reads a customer and decides again when a
 * concurrent change of the same customer made its conditional write miss; after that the
 * step fails with a retryable exception (an event is retried by the binder, an HTTP
 * request is answered 409)
 * @param writeBackoff the longest pause between two such attempts; pauses start at 2 ms,
 * double, and are jittered so that competing writers of one customer drift apart
 * @param closedKept how many closed entries (settled or released reservations, refusals,
 * cancellations) a customer document keeps; once twice as many have accumulated, all but
 * the newest {@code closedKept} move to the {@code closedOrders} collection in one batch
 */
@ConfigurationProperties("saga.customer")
public record CustomerProperties(@DefaultValue("50") int writeAttempts, @DefaultValue("100ms") Duration writeBackoff,
		@DefaultValue("20") int closedKept) {

	private static final long FIRST_PAUSE_MILLIS = 2;

	public CustomerProperties {
		if (writeAttempts < 1) {
			throw new IllegalArgumentException("saga.customer.write-attempts must be at least 1");
		}
		if (writeBackoff.toMillis() < FIRST_PAUSE_MILLIS) {
			throw new IllegalArgumentException("saga.customer.write-backoff must be at least 2ms");
		}
		if (closedKept < 1) {
			throw new IllegalArgumentException("saga.customer.closed-kept must be at least 1");
		}
	}

	/** The pauses between the attempts of one step: {@code writeAttempts − 1} of them. */
	public BackOff writePauses() {
		ExponentialBackOff pauses = new ExponentialBackOff(FIRST_PAUSE_MILLIS, 2.0);
		pauses.setJitter(FIRST_PAUSE_MILLIS);
		pauses.setMaxInterval(writeBackoff.toMillis());
		pauses.setMaxAttempts(writeAttempts - 1L);
		return pauses;
	}

	/**
	 * The number of closed entries at which the older ones leave the customer document.
	 */
	public int closedLimit() {
		return Math.multiplyExact(closedKept, 2);
	}
}
