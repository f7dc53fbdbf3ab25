package dev.ordersaga.support.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How a consumer waits before it handles a record again that failed for a reason other
 * than its content (a database outage, an election, a lost optimistic-lock race). There
 * is no attempt limit: such a record is valid and is never dead-lettered.
 *
 * @param initialInterval pause before the second attempt
 * @param multiplier growth of the pause from one attempt to the next
 * @param maxInterval longest pause; also how long the consumer may stay behind an outage
 * that has already ended. Keep it well below the consumer's {@code max.poll.interval.ms}
 */
@ConfigurationProperties("saga.messaging.retry")
public record RetryProperties(@DefaultValue("500ms") Duration initialInterval, @DefaultValue("2.0") double multiplier,
		@DefaultValue("10s") Duration maxInterval) {

	/** These pauses as a back-off without an attempt limit. */
	public BackOff backOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(initialInterval.toMillis(), multiplier);
		backOff.setMaxInterval(maxInterval.toMillis());
		return backOff;
	}

}
