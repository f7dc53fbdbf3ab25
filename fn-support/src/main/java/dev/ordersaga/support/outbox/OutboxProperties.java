package dev.ordersaga.support.outbox;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox relay.
 *
 * @param collections MongoDB collections whose documents carry an {@code outbox} array
 * @param sweepInterval how often the relay looks for outboxes nobody announced to it
 * (left by a crashed replica, or whose lease lapsed); the one query by content, so not
 * too often. New events are relayed at once and failed sends retried by {@code _id}, not
 * on this timer
 * @param sweepBatch how many documents one sweep query returns at most; a sweep repeats
 * its query until a batch comes back smaller
 * @param lease how long a relay instance owns a document's outbox before another replica
 * may take over; longer than the producer's delivery timeout
 * @param retryBackoff how long a document waits before the next attempt after a failed
 * send
 */
@ConfigurationProperties("saga.outbox")
public record OutboxProperties(@DefaultValue List<String> collections, @DefaultValue("10s") Duration sweepInterval,
		@DefaultValue("100") int sweepBatch, @DefaultValue("60s") Duration lease,
		@DefaultValue("2s") Duration retryBackoff) {
}
