package dev.ordersaga.payment.messaging;

import java.time.Duration;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.payment.ChargeUncertainException;
import dev.ordersaga.payment.ProviderUnavailableException;
import dev.ordersaga.payment.RefundFailedException;
import dev.ordersaga.support.events.PoisonMessageException;
import dev.ordersaga.support.messaging.DeadLetters;

import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * payment-fn's variant of fn-support's {@code RetryUntilHandled}: retries and
 * dead-lettering in the listener container, where only poison ends in the dead-letter
 * topic. The container's {@link DefaultErrorHandler}
 * <ul>
 * <li>retries a record that met an outage (the provider unavailable, MongoDB unreachable)
 * forever at a fixed, short interval: it seeks back to it, so it is delivered again after
 * the interval, or as soon as the binding resumed if it was paused meanwhile (its offset
 * is not committed);</li>
 * <li>retries every other failure forever too, with a growing, capped back-off: a refund
 * the provider fails or refuses ({@link RefundFailedException}; the money of a cancelled
 * order must go back), a charge whose outcome the provider cannot tell yet
 * ({@link ChargeUncertainException}), a lost optimistic-lock race;</li>
 * <li>sends a {@link PoisonMessageException} straight to the dead-letter topic.</li>
 * </ul>
 */
class ContainerErrorHandling implements ListenerContainerWithDlqAndRetryCustomizer {

	private static final Logger log = LoggerFactory.getLogger(ContainerErrorHandling.class);

	private final DeadLetters deadLetters;

	private final BackOff untilRecovered;

	private final BackOff untilSettled;

	ContainerErrorHandling(DeadLetters deadLetters, Duration retryInterval, Duration maxRetryInterval) {
		this.deadLetters = deadLetters;
		this.untilRecovered = new FixedBackOff(retryInterval.toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS);
		ExponentialBackOff growing = new ExponentialBackOff(retryInterval.toMillis(), 2.0);
		// capped well below max.poll.interval.ms: the consumer thread sleeps the back-off
		growing.setMaxInterval(Math.max(retryInterval.toMillis(), maxRetryInterval.toMillis()));
		growing.setMaxAttempts(Integer.MAX_VALUE);
		growing.setMaxElapsedTime(Long.MAX_VALUE);
		this.untilSettled = growing;
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destination, String group,
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestination, BackOff backOff) {
		DefaultErrorHandler handler = new DefaultErrorHandler(deadLetter(dlqDestination),
				backOff == null ? new FixedBackOff(0, 0) : backOff);
		handler.addNotRetryableExceptions(PoisonMessageException.class);
		handler.setBackOffFunction(this::backOff);
		// a record waiting out an outage is expected, not an error; real failures are
		// logged when dead-lettered
		handler.setLogLevel(KafkaException.Level.DEBUG);
		handler.setRetryListeners((record, exception, attempt) -> {
			if (DeadLetters.reason(exception) instanceof PoisonMessageException) {
				return; // dead-lettered at once, logged there
			}
			if (waitsForRecovery(exception)) {
				log.info("{}-{}@{} waits for the outage to end (attempt {}): {}", record.topic(), record.partition(),
						record.offset(), attempt, DeadLetters.reason(exception).getMessage());
			}
			else {
				log.warn("{}-{}@{} retried until it succeeds, never dead-lettered (attempt {}): {}", record.topic(),
						record.partition(), record.offset(), attempt, DeadLetters.reason(exception).toString());
			}
		});
		container.setCommonErrorHandler(handler);
		log.debug("Container error handling for {} (group {}): wait for the provider, dead-letter poison", destination,
				group);
	}

	private ConsumerAwareRecordRecoverer deadLetter(
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestination) {
		DeadLetterPublishingRecoverer publisher = dlqDestination == null ? null : deadLetters.recoverer(dlqDestination);
		return (record, consumer, exception) -> {
			if (publisher == null) {
				log.error("Skipping {}-{}@{}, no dead-letter topic configured: {}", record.topic(), record.partition(),
						record.offset(), DeadLetters.reason(exception).toString());
				return;
			}
			log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
					DeadLetters.reason(exception).toString());
			publisher.accept(record, consumer, exception);
		};
	}

	/**
	 * The binder must not retry or dead-letter on its own: the container's error handler
	 * does both.
	 */
	@Override
	public boolean retryAndDlqInBinding(String destination, String group) {
		return false;
	}

	/**
	 * Unlimited retries: at the outage interval while a dependency is down, growing up to
	 * the cap for anything else.
	 */
	BackOff backOff(ConsumerRecord<?, ?> record, Exception exception) {
		if (waitsForRecovery(exception)) {
			return untilRecovered;
		}
		return untilSettled;
	}

	/**
	 * Whether the failure says nothing about the record and everything about a dependency
	 * that is down: the payment provider, or MongoDB (resource failures and transient
	 * errors, as Spring translates them).
	 */
	static boolean waitsForRecovery(Throwable exception) {
		for (Throwable current = exception; current != null; current = current.getCause()) {
			if (current instanceof ProviderUnavailableException || current instanceof DataAccessResourceFailureException
					|| current instanceof TransientDataAccessException) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

}
