package dev.ordersaga.devstack.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches the saga's outcomes on Kafka instead of polling the API: one plain consumer (no
 * group, nothing committed) reads the saga topics from their end at {@link #start} and
 * notes, per order id (the record key), when it became COMPLETED or CANCELLED and when
 * email-fn sent its mails, and on request when each event of the critical path was
 * decided and sent. Times are the events' {@code ce_time} (the moment the service
 * decided), so the consumer's own lag never counts.
 */
final class SagaWatch implements AutoCloseable, MailWatch {

	private static final Logger log = LoggerFactory.getLogger(SagaWatch.class);

	static final String ORDER_EVENTS = "order-events";

	static final String CUSTOMER_EVENTS = "customer-events";

	static final String PAYMENT_EVENTS = "payment-events";

	static final String EMAIL_EVENTS = "email-events";

	/** The events of a completed saga's critical path, in order. */
	static final List<String> CRITICAL_PATH = List.of("order.created.v1", "credit.reserved.v1", "order.approved.v1",
			"payment.processed.v1", "order.completed.v1");

	private static final Duration TOPIC_WAIT = Duration.ofSeconds(60);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Long> completed = new ConcurrentHashMap<>();

	private final Map<String, Long> cancelled = new ConcurrentHashMap<>();

	/** orderId → epoch micros of each completion mail sent, by kind. */
	private final Map<String, Map<String, Long>> mails = new ConcurrentHashMap<>();

	/**
	 * orderId → event type of the critical path → {decided (ce_time), published (the
	 * record's timestamp, set by the producer)} in epoch micros; noted only while
	 * {@link #noteSteps} is on (single orders on the idle stack), so a load run keeps no
	 * such detail.
	 */
	private final Map<String, Map<String, StepTimes>> steps = new ConcurrentHashMap<>();

	private volatile boolean noteSteps;

	private final KafkaConsumer<String, byte[]> consumer;

	private volatile boolean closed;

	private Thread thread;

	SagaWatch(String bootstrapServers) {
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
				ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200, ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
	}

	/** Starts reading from the current end of both topics; returns once positioned. */
	SagaWatch start() {
		List<TopicPartition> partitions = new ArrayList<>();
		long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
		for (String topic : List.of(ORDER_EVENTS, CUSTOMER_EVENTS, PAYMENT_EVENTS, EMAIL_EVENTS)) {
			List<TopicPartition> found = List.of();
			while (found.isEmpty()) {
				found = consumer.partitionsFor(topic, Duration.ofSeconds(5))
					.stream()
					.map(info -> new TopicPartition(topic, info.partition()))
					.toList();
				if (found.isEmpty() && System.nanoTime() > deadline) {
					throw new IllegalStateException(
							"Topic " + topic + " does not exist after " + TOPIC_WAIT + ": are the services running?");
				}
				Pause.of(Duration.ofMillis(500));
			}
			partitions.addAll(found);
		}
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		// position() resolves the end offsets now, so nothing published after this
		// returns is missed
		partitions.forEach(consumer::position);
		thread = Thread.ofPlatform().daemon().name("load-saga-watch").start(this::poll);
		return this;
	}

	private void poll() {
		try {
			while (!closed) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					note(record);
				}
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		catch (RuntimeException ex) {
			log.error("The saga watch stopped: {}", ex.toString(), ex);
		}
		finally {
			consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
		}
	}

	private void note(ConsumerRecord<String, byte[]> record) {
		String type = header(record, "ce_type");
		if (type == null || record.key() == null) {
			return;
		}
		long micros = time(record);
		if (noteSteps && CRITICAL_PATH.contains(type)) {
			steps.computeIfAbsent(record.key(), id -> new ConcurrentHashMap<>())
				.putIfAbsent(type, new StepTimes(micros, TimeUnit.MILLISECONDS.toMicros(record.timestamp())));
		}
		switch (type) {
			case "order.completed.v1" -> completed.putIfAbsent(record.key(), micros);
			case "order.cancelled.v1" -> cancelled.putIfAbsent(record.key(), micros);
			case "email.sent.v1" -> {
				JsonNode body = JSON.readTree(record.value());
				String kind = body.path("kind").asString("");
				if (kind.equals("PAYMENT_COMPLETED") || kind.equals("ORDER_COMPLETED")) {
					mails.computeIfAbsent(body.path("orderId").asString(record.key()), id -> new ConcurrentHashMap<>())
						.putIfAbsent(kind, micros);
				}
			}
			default -> {
			}
		}
	}

	private static long time(ConsumerRecord<?, ?> record) {
		String time = header(record, "ce_time");
		if (time != null) {
			try {
				return EpochMicros.of(Instant.parse(time));
			}
			catch (DateTimeParseException ex) {
				// the record's own timestamp below
			}
		}
		return TimeUnit.MILLISECONDS.toMicros(record.timestamp());
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	/**
	 * Notes, or stops noting, when each event of the critical path was decided and sent.
	 */
	void noteSteps(boolean on) {
		noteSteps = on;
		if (!on) {
			steps.clear();
		}
	}

	/**
	 * The critical-path events seen of {@code orderId} while steps were noted, by type.
	 */
	Map<String, StepTimes> steps(String orderId) {
		return Map.copyOf(steps.getOrDefault(orderId, Map.of()));
	}

	/**
	 * When an event was decided by its service ({@code ce_time}) and when its producer
	 * sent it (the record's timestamp, millisecond precision), in epoch micros.
	 */
	record StepTimes(long decided, long published) {
	}

	/** Epoch micros when the order became COMPLETED, or {@code null}. */
	Long completedAt(String orderId) {
		return completed.get(orderId);
	}

	boolean isTerminal(String orderId) {
		return completed.containsKey(orderId) || cancelled.containsKey(orderId);
	}

	boolean isCancelled(String orderId) {
		return cancelled.containsKey(orderId);
	}

	/** The orders of {@code orderIds} email-fn sent both completion mails for. */
	@Override
	public Map<String, Long> bothMailsReceived(Collection<String> orderIds) {
		Map<String, Long> both = new HashMap<>();
		for (String orderId : orderIds) {
			Map<String, Long> sent = mails.get(orderId);
			if (sent != null && sent.size() == 2) {
				both.put(orderId, sent.values().stream().mapToLong(Long::longValue).max().orElseThrow());
			}
		}
		return both;
	}

	@Override
	public String source() {
		return "email.sent.v1 events (ce_time = when SMTP accepted the mail)";
	}

	@Override
	public void forget() {
		mails.clear();
	}

	@Override
	public void close() {
		closed = true;
		consumer.wakeup();
		if (thread != null) {
			try {
				thread.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
