package dev.ordersaga.support.outbox;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox relay.
 *
 * @param collections MongoDB collections whose documents carry an {@code outbox} array
 * @param sweepInterval how often the relay looks for events nobody signalled (left by a
 * crash, or unsent while the broker was down); new events are relayed at once, not on
 * this timer
 * @param lease how long a relay instance owns a document's outbox before another replica
 * may take over; longer than the producer's delivery timeout
 * @param retryBackoff how long a document waits before the next attempt after a failed
 * send
 */
@ConfigurationProperties("saga.outbox")
public record OutboxProperties(@DefaultValue List<String> collections, @DefaultValue("1s") Duration sweepInterval,
		@DefaultValue("60s") Duration lease, @DefaultValue("2s") Duration retryBackoff) {
}
