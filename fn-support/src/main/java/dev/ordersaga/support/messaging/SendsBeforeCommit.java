package dev.ordersaga.support.messaging;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.stream.binder.kafka.config.ClientFactoryCustomizer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Lets a function's results leave without waiting for the broker one record at a time
 * ({@code producer.sync: false} on a function's output binding) and keeps the guarantee
 * that a synchronous send gave: <b>an input offset is committed only after the broker
 * acknowledged every record that the consumer thread sent before it</b>.
 * <p>
 * The listener container commits the offsets of a poll's records on the consumer thread,
 * after it handled them and before it polls again. Meanwhile the handlers' results are
 * sent in a pipeline: the producer batches them and has several requests in flight, so a
 * consumer thread no longer pays one broker round trip per record. Ordering per order is
 * unchanged: one thread handles a partition's records in order and the idempotent
 * producer keeps the order of its sends per partition.
 * <p>
 * How: through the binder's {@link ClientFactoryCustomizer}, every producer the binder
 * creates notes the futures of the sends made on a consumer thread, and every consumer
 * waits for them before it commits. If one of them failed (the broker was away longer
 * than {@code delivery.timeout.ms}), nothing is committed: the consumer is rewound to the
 * offsets committed last, and the records since are handled again. That is safe because
 * every saga handler is idempotent and re-announces the outcome it already reached, with
 * the same {@code ce_id}. Records sent by other threads (the outbox relay, which sends
 * synchronously) are not tracked.
 */
public final class SendsBeforeCommit implements ClientFactoryCustomizer {

	private static final Logger log = LoggerFactory.getLogger(SendsBeforeCommit.class);

	/**
	 * The sends of the current consumer thread not yet known to be acknowledged; present
	 * only on threads that poll a wrapped consumer.
	 */
	private static final ThreadLocal<List<Future<?>>> PENDING = new ThreadLocal<>();

	/**
	 * The pauses of the current consumer thread's rewinds in a row; reset by a commit.
	 */
	private static final ThreadLocal<BackOffExecution> REWIND_PAUSES = new ThreadLocal<>();

	private final Duration sendTimeout;

	private final RetryProperties backOff;

	private final Counter rewinds;

	/**
	 * @param sendTimeout how long to wait for one send before the commit counts it as
	 * failed; above the producers' {@code delivery.timeout.ms}, by which Kafka completes
	 * every send one way or the other
	 * @param backOff the pause after a rewind, growing while sends keep failing (as
	 * {@link RetryUntilHandled} waits before handling a failed record again)
	 */
	public SendsBeforeCommit(Duration sendTimeout, RetryProperties backOff, MeterRegistry meters) {
		this.sendTimeout = sendTimeout;
		this.backOff = backOff;
		this.rewinds = Counter.builder("saga.consumer.rewinds")
			.description("Commits withheld because a record sent while handling the input was not acknowledged;"
					+ " the consumer was rewound and handles the records again")
			.register(meters);
	}

	@Override
	public void configure(ProducerFactory<?, ?> producerFactory) {
		if (producerFactory instanceof DefaultKafkaProducerFactory<?, ?> factory) {
			trackSends(factory);
		}
	}

	@Override
	public void configure(ConsumerFactory<?, ?> consumerFactory) {
		if (consumerFactory instanceof DefaultKafkaConsumerFactory<?, ?> factory) {
			awaitSendsBeforeCommits(factory);
		}
	}

	private <K, V> void trackSends(DefaultKafkaProducerFactory<K, V> factory) {
		factory.addPostProcessor(producer -> wrap(Producer.class, producer, (method, args) -> {
			Object result = method.invoke(producer, args);
			List<Future<?>> pending = PENDING.get();
			if (pending != null && method.getName().equals("send") && result instanceof Future<?> future) {
				pending.add(future);
			}
			return result;
		}));
	}

	private <K, V> void awaitSendsBeforeCommits(DefaultKafkaConsumerFactory<K, V> factory) {
		factory.addPostProcessor(consumer -> wrap(Consumer.class, consumer, (method, args) -> {
			switch (method.getName()) {
				case "poll" -> {
					if (PENDING.get() == null) {
						PENDING.set(new ArrayList<>());
					}
				}
				case "commitSync", "commitAsync" -> {
					if (!allSendsAcknowledged()) {
						skipCommit(consumer, args);
						pauseAfterRewind();
						return null;
					}
					REWIND_PAUSES.remove();
				}
				case "close" -> PENDING.remove();
				default -> {
					// everything else passes through unchanged
				}
			}
			return method.invoke(consumer, args);
		}));
	}

	/** Waits for this thread's sends; whether every one of them was acknowledged. */
	private boolean allSendsAcknowledged() {
		List<Future<?>> pending = PENDING.get();
		if (pending == null || pending.isEmpty()) {
			return true;
		}
		Throwable failure = null;
		int failed = 0;
		for (Future<?> send : pending) {
			try {
				send.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException | TimeoutException e) {
				failed++;
				failure = e instanceof ExecutionException ? e.getCause() : e;
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				failed++;
				failure = e;
			}
		}
		int sent = pending.size();
		pending.clear();
		if (failed > 0) {
			log.warn("{} of {} records sent while handling the last poll were not acknowledged ({}); their inputs are"
					+ " not committed and will be handled again", failed, sent, String.valueOf(failure));
		}
		return failed == 0;
	}

	/**
	 * Withholds a commit and rewinds the partitions it covered to their last committed
	 * offsets (the start, for a partition that has none), so that the records since are
	 * handled again.
	 */
	private void skipCommit(Consumer<?, ?> consumer, Object[] args) {
		rewinds.increment();
		Set<TopicPartition> partitions = args != null && args.length > 0 && args[0] instanceof Map<?, ?> offsets
				? partitionsOf(offsets.keySet()) : consumer.assignment();
		Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions);
		List<TopicPartition> fromStart = new ArrayList<>();
		for (TopicPartition partition : partitions) {
			OffsetAndMetadata last = committed.get(partition);
			if (last == null) {
				fromStart.add(partition);
			}
			else {
				consumer.seek(partition, last.offset());
			}
		}
		if (!fromStart.isEmpty()) {
			consumer.seekToBeginning(fromStart);
		}
		for (Object arg : args == null ? new Object[0] : args) {
			if (arg instanceof OffsetCommitCallback callback) {
				callback.onComplete(Map.of(), new KafkaException(
						"Not committed: a record sent while handling the input was not acknowledged"));
			}
		}
	}

	/**
	 * A send that fails for good (a record the broker refuses) would otherwise be retried
	 * in a tight loop.
	 */
	private void pauseAfterRewind() {
		BackOffExecution pauses = REWIND_PAUSES.get();
		if (pauses == null) {
			pauses = backOff.backOff().start();
			REWIND_PAUSES.set(pauses);
		}
		try {
			Thread.sleep(pauses.nextBackOff());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static Set<TopicPartition> partitionsOf(Collection<?> keys) {
		return Set.copyOf(keys.stream().map(TopicPartition.class::cast).toList());
	}

	@SuppressWarnings("unchecked")
	private static <T> T wrap(Class<?> type, T target, Invocation invocation) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getDeclaringClass() == Object.class) {
				return switch (method.getName()) {
					case "equals" -> proxy == args[0];
					case "hashCode" -> System.identityHashCode(proxy);
					default -> method.invoke(target, args);
				};
			}
			try {
				return invocation.invoke(method, args);
			}
			catch (InvocationTargetException e) {
				throw e.getCause();
			}
		};
		return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler);
	}

	@FunctionalInterface
	private interface Invocation {

		Object invoke(Method method, Object[] args) throws Throwable;

	}

}
