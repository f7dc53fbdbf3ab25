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
 * Moves retries and dead-lettering of payment-fn's input out of the binder into the
 * listener container, because some failures must never end in the dead-letter topic: an
 * unavailable payment provider, and an unreachable database. The container's
 * {@link DefaultErrorHandler}
 * <ul>
 * <li>retries a record that met such an outage forever: it seeks back to it, so it is
 * delivered again after the interval, or after the binding resumed if it was paused
 * meanwhile (its offset is not committed);</li>
 * <li>retries a record that must not be dropped although no dependency is down forever
 * too, with a growing, capped back-off: a refund the provider fails or refuses
 * ({@link RefundFailedException}; the money of a cancelled order must go back), and a
 * charge whose outcome the provider cannot tell yet
 * ({@link ChargeUncertainException});</li>
 * <li>sends a {@link PoisonMessageException} straight to the dead-letter topic;</li>
 * <li>retries anything else with the binding's back-off ({@code max-attempts},
 * {@code back-off-*}), then dead-letters it with the reason.</li>
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
			else if (mustNotBeDropped(exception)) {
				log.warn("{}-{}@{} retried until it succeeds, never dead-lettered (attempt {}): {}", record.topic(),
						record.partition(), record.offset(), attempt, DeadLetters.reason(exception).toString());
			}
			else {
				log.warn("{}-{}@{} failed (attempt {}), retrying: {}", record.topic(), record.partition(),
						record.offset(), attempt, DeadLetters.reason(exception).toString());
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
	 * Unlimited retries while an outage lasts, and for what must not be dropped;
	 * {@code null}: the binding's back-off.
	 */
	BackOff backOff(ConsumerRecord<?, ?> record, Exception exception) {
		if (waitsForRecovery(exception)) {
			return untilRecovered;
		}
		return mustNotBeDropped(exception) ? untilSettled : null;
	}

	/**
	 * Whether the failure concerns a step that must happen eventually although nothing is
	 * down: a refund (the money of a cancelled order goes back, however long the provider
	 * fails or refuses it) or a charge the provider cannot tell the outcome of yet.
	 */
	static boolean mustNotBeDropped(Throwable exception) {
		for (Throwable current = exception; current != null; current = current.getCause()) {
			if (current instanceof RefundFailedException || current instanceof ChargeUncertainException) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
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
