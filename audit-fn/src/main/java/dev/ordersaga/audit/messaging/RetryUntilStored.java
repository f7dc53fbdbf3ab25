package dev.ordersaga.audit.messaging;

import java.util.ConcurrentModificationException;
import java.util.function.BiFunction;

import com.mongodb.MongoException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The audit must not lose a record, and it has no dead-letter topic of its own (a record
 * it failed on is not a record the saga failed on). When the store is unavailable the
 * container seeks back and tries the same record again, with growing pauses, until it is
 * stored; its offset is committed only then. {@code RecordReader} accepts any content, so
 * any other failure means a record the framework itself cannot hand over (e.g. a
 * malformed {@code contentType} header): it is tried a few times, then logged, counted
 * ({@code saga.audit.unreadable}) and skipped, so that it cannot stop the audit of
 * everything behind it.
 */
class RetryUntilStored implements ListenerContainerWithDlqAndRetryCustomizer {

	private static final Logger log = LoggerFactory.getLogger(RetryUntilStored.class);

	private final MeterRegistry meters;

	RetryUntilStored(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destination, String group,
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestination, BackOff backOff) {
		ExponentialBackOff untilStored = new ExponentialBackOff(500, 2.0);
		untilStored.setMaxInterval(30_000);
		DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
			log.error("Skipping {}-{}@{}: audit-fn cannot read it: {}", record.topic(), record.partition(),
					record.offset(), rootCause(exception).toString());
			meters.counter("saga.audit.unreadable", "topic", record.topic()).increment();
		}, new FixedBackOff(500, 2));
		handler.setBackOffFunction((record, exception) -> storeUnavailable(exception) ? untilStored : null);
		handler.setLogLevel(KafkaException.Level.DEBUG);
		handler.setRetryListeners((record, exception, attempt) -> log.warn("{}-{}@{} not audited yet (attempt {}): {}",
				record.topic(), record.partition(), record.offset(), attempt, rootCause(exception).toString()));
		container.setCommonErrorHandler(handler);
	}

	@Override
	public boolean retryAndDlqInBinding(String destination, String group) {
		return false;
	}

	static boolean storeUnavailable(Throwable exception) {
		for (Throwable current = exception; current != null; current = current.getCause()) {
			if (current instanceof DataAccessException || current instanceof MongoException
					|| current instanceof ConcurrentModificationException) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	private static Throwable rootCause(Throwable exception) {
		Throwable current = exception;
		while (current.getCause() != null && current.getCause() != current) {
			current = current.getCause();
		}
		return current;
	}

}
