package dev.ordersaga.support.messaging;

import java.util.function.BiFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.support.events.PoisonMessageException;

import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;

/**
 * The error handling of every saga consumer, in the listener container instead of the
 * binder: only poison ({@link PoisonMessageException}: not JSON, not the shape of its
 * {@code ce_type}, no envelope) goes to the dead-letter topic, at once. Every other
 * failure says nothing against the record — MongoDB is down or electing, an
 * optimistic-lock race was lost, a provider is unavailable — so the container seeks back
 * and handles the same record again, with growing pauses and without limit, and commits
 * its offset only once it succeeded. A valid event is never dead-lettered because a
 * dependency was down: a dead-lettered {@code OrderCancelled} would keep credit reserved
 * forever, a dead-lettered {@code PaymentProcessed} would let a paid order time out.
 * <p>
 * A record that keeps failing holds up its partition (and only that one): it shows as
 * consumer lag and in {@code saga.consumer.retries}, which is what an operator must see.
 */
public class RetryUntilHandled implements ListenerContainerWithDlqAndRetryCustomizer {

	private static final Logger log = LoggerFactory.getLogger(RetryUntilHandled.class);

	/** Attempts after which a waiting record is logged at WARN instead of INFO. */
	private static final int QUIET_ATTEMPTS = 3;

	private final DeadLetters deadLetters;

	private final RetryProperties properties;

	private final MeterRegistry meters;

	public RetryUntilHandled(DeadLetters deadLetters, RetryProperties properties, MeterRegistry meters) {
		this.deadLetters = deadLetters;
		this.properties = properties;
		this.meters = meters;
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destination, String group,
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestination, BackOff backOff) {
		DefaultErrorHandler handler = new DefaultErrorHandler(deadLetter(dlqDestination), properties.backOff());
		handler.addNotRetryableExceptions(PoisonMessageException.class);
		// a record waiting for a dependency is expected; the retry listener says so once
		handler.setLogLevel(KafkaException.Level.DEBUG);
		Counter.Builder retries = Counter.builder("saga.consumer.retries")
			.description("Records handled again after a failure that was not their content's fault")
			.tag("topic", destination)
			.tag("group", group == null ? "" : group);
		handler.setRetryListeners((record, exception, attempt) -> {
			Throwable reason = DeadLetters.reason(exception);
			if (reason instanceof PoisonMessageException) {
				return; // dead-lettered at once, logged there
			}
			retries.tag("exception", reason.getClass().getSimpleName()).register(meters).increment();
			if (attempt <= QUIET_ATTEMPTS) {
				log.info("{}-{}@{} failed (attempt {}), handling it again: {}", record.topic(), record.partition(),
						record.offset(), attempt, reason.toString());
			}
			else {
				log.warn("{}-{}@{} still failing after {} attempts, its partition waits: {}", record.topic(),
						record.partition(), record.offset(), attempt, reason.toString());
			}
		});
		container.setCommonErrorHandler(handler);
		log.debug("Consumer of {} (group {}): poison to the dead-letter topic, everything else until handled",
				destination, group);
	}

	/**
	 * The binder must neither retry nor dead-letter: the container's handler does both.
	 */
	@Override
	public boolean retryAndDlqInBinding(String destination, String group) {
		return false;
	}

	private ConsumerAwareRecordRecoverer deadLetter(
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestination) {
		DeadLetterPublishingRecoverer publisher = dlqDestination == null ? null : deadLetters.recoverer(dlqDestination);
		return (record, consumer, exception) -> {
			if (publisher == null) {
				log.error("Skipping poison {}-{}@{}, no dead-letter topic configured: {}", record.topic(),
						record.partition(), record.offset(), DeadLetters.reason(exception).toString());
				return;
			}
			log.warn("Dead-lettering poison {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
					DeadLetters.reason(exception).toString());
			publisher.accept(record, consumer, exception);
		};
	}

}
