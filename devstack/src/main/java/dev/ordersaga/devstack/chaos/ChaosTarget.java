package dev.ordersaga.devstack.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.devstack.EmbeddedStack;
import dev.ordersaga.devstack.SagaService;

/**
 * What the faults act on: the stack's lifecycle switches, the payment sandbox's controls,
 * the broker as an outside producer and admin, and the load (for duplicate requests).
 */
public final class ChaosTarget {

	/** Topics a dead-lettering consumer group reads: poison there must reach the DLQ. */
	static final List<String> DEAD_LETTERED_TOPICS = List.of("order-events", "customer-events", "payment-events",
			"customer-profiles");

	/** Every topic of the system; poison goes to each. */
	static final List<String> TOPICS = List.of("order-events", "customer-events", "payment-events", "email-events",
			"customer-profiles");

	private static final Logger log = LoggerFactory.getLogger(ChaosTarget.class);

	private static final Duration HEAL_LIMIT = Duration.ofMinutes(2);

	private final EmbeddedStack stack;

	private final Http http = new Http();

	private final List<Poison> poison = new CopyOnWriteArrayList<>();

	private final LoadGenerator load;

	ChaosTarget(EmbeddedStack stack, LoadGenerator load) {
		this.stack = stack;
		this.load = load;
	}

	EmbeddedStack stack() {
		return stack;
	}

	LoadGenerator load() {
		return load;
	}

	List<Poison> poison() {
		return List.copyOf(poison);
	}

	void kill(SagaService service) {
		stack.killService(service);
	}

	void stop(SagaService service) {
		stack.stopService(service);
	}

	void start(SagaService service, Map<String, String> extraProperties) {
		if (!stack.isRunning(service)) {
			stack.startService(service, extraProperties);
		}
	}

	/**
	 * Replaces the running process by one with {@code extraProperties} (this run only).
	 */
	void restartWith(SagaService service, Map<String, String> extraProperties) {
		stack.stopService(service);
		stack.startService(service, extraProperties);
	}

	/** {@code POST /sandbox/outage?mode=…} or, with {@code null}, {@code DELETE}. */
	void providerOutage(String mode) {
		String url = url(SagaService.PAYMENT_SANDBOX) + "/sandbox/outage";
		sandbox(mode == null ? "DELETE" : "POST", mode == null ? url : url + "?mode=" + mode, null);
	}

	void providerLatency(Duration latency) {
		sandbox("PUT", url(SagaService.PAYMENT_SANDBOX) + "/sandbox/latency",
				"{\"millis\":" + latency.toMillis() + "}");
	}

	private void sandbox(String method, String url, String json) {
		Http.Answer answer = http.send(method, url, json);
		if (!answer.ok()) {
			throw new IllegalStateException(method + " " + url + " answered " + answer.status());
		}
	}

	void killBroker() {
		stack.kafka().kill();
	}

	void startBroker() {
		stack.kafka().start();
	}

	void mongoDown() {
		stack.mongo().refuseConnections();
	}

	/** Listens again, retrying a bind the just-closed socket may briefly refuse. */
	void mongoUp() {
		long deadline = System.nanoTime() + HEAL_LIMIT.toNanos();
		while (true) {
			try {
				stack.mongo().acceptConnections();
				return;
			}
			catch (RuntimeException bindFailed) {
				if (System.nanoTime() > deadline) {
					throw bindFailed;
				}
				log.warn("MongoDB cannot listen again yet: {}", bindFailed.toString());
				LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
			}
		}
	}

	void smtpDown() {
		stack.mail().stop();
	}

	void smtpUp() {
		stack.mail().restart();
	}

	/**
	 * Publishes records no consumer can process on every topic, each under a key of its
	 * own: one that is not JSON and one that is JSON of an unknown shape, both under a
	 * {@code ce_type} that every consumer of the topic reads (a type a consumer does not
	 * read is skipped by design, the tolerant reader, and is no poison for it), and one
	 * without a CloudEvents envelope. {@code email-events} has no consumer but audit-fn,
	 * which reads every type and knows no shapes: a well-formed event of an unknown shape
	 * is no poison there, but an event of an order that does not exist.
	 */
	void publishPoison() {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
				ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000,
				ProducerConfig.LINGER_MS_CONFIG, 0);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			for (String topic : TOPICS) {
				send(producer, topic, typeOf(topic), "this is not JSON");
				if (DEAD_LETTERED_TOPICS.contains(topic)) {
					send(producer, topic, typeOf(topic), "{\"unknown\":\"shape\"}");
				}
				send(producer, topic, null, "{\"no\":\"envelope\"}");
			}
		}
	}

	/**
	 * @param type its {@code ce_type}, or {@code null} for no CloudEvents headers
	 */
	private void send(KafkaProducer<String, String> producer, String topic, String type, String value) {
		String key = "poison-" + UUID.randomUUID();
		ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
		if (type != null) {
			Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", type, "ce_source", "/chaos", "ce_specversion",
					"1.0", "ce_subject", key, "ce_time", "2026-11-25T10:00:00Z")
				.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
		}
		try {
			producer.send(record).get(120, TimeUnit.SECONDS);
			poison.add(new Poison(topic, key, DEAD_LETTERED_TOPICS.contains(topic)));
		}
		catch (ExecutionException | TimeoutException ex) {
			// not recorded: a poison record that was perhaps not written is not expected
			// in a DLQ, and one that was would show up as unexpected, which is correct
			log.warn("Poison for {} not confirmed: {}", topic, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A type that every dead-lettering consumer of {@code topic} reads: customer-fn,
	 * payment-fn and email-fn all read {@code order.cancelled.v1}; order-fn and email-fn
	 * both read {@code payment.processed.v1}; email-fn reads the profile types.
	 */
	static String typeOf(String topic) {
		return switch (topic) {
			case "customer-events" -> "credit.reserved.v1";
			case "payment-events" -> "payment.processed.v1";
			case "email-events" -> "email.sent.v1";
			case "customer-profiles" -> "customer.updated.v1";
			default -> "order.cancelled.v1";
		};
	}

	/**
	 * Moves {@code group}'s committed offsets back by up to {@code records} on every
	 * partition, so that a window is delivered again. The group must be inactive: its
	 * service is stopped around this.
	 */
	void rewind(String group, long records) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
			long deadline = System.nanoTime() + HEAL_LIMIT.toNanos();
			while (true) {
				try {
					Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
						.partitionsToOffsetAndMetadata()
						.get(30, TimeUnit.SECONDS);
					Map<TopicPartition, OffsetAndMetadata> back = new java.util.HashMap<>();
					committed.forEach((partition, offset) -> {
						if (offset != null) {
							back.put(partition, new OffsetAndMetadata(Math.max(0, offset.offset() - records)));
						}
					});
					admin.alterConsumerGroupOffsets(group, back).all().get(30, TimeUnit.SECONDS);
					log.info("Rewound {} by up to {} records on {} partitions", group, records, back.size());
					return;
				}
				catch (ExecutionException | TimeoutException stillActive) {
					// the stopped member's session may still be open for a moment
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("Cannot rewind " + group + ": " + stillActive, stillActive);
					}
					LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	String bootstrap() {
		return stack.kafka().bootstrapServers();
	}

	String url(SagaService service) {
		return stack.url(service);
	}

}
