package dev.ordersaga.order;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.ordersaga.support.testing.EmbeddedMongo;
import dev.ordersaga.support.outbox.OutboxRelay;
import dev.ordersaga.support.testing.KafkaTopics;
import dev.ordersaga.support.testing.QueryShapes;
import dev.ordersaga.support.testing.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * order-fn on a real embedded Kafka broker (KRaft) and the embedded MongoDB wire-protocol
 * server. All test classes share this configuration, hence one Spring context and one
 * broker per test JVM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
				"spring.cloud.stream.kafka.binder.min-partition-count=2", "saga.order.deadline-check-interval=300ms" })
@Import(QueryShapes.Recording.class)
@EmbeddedKafka(partitions = 2, topics = { "order-events", "customer-events", "payment-events" })
abstract class OrderFnTestBase {

	@Autowired
	protected EmbeddedKafkaBroker broker;

	@Autowired
	private OutboxRelay relay;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> EmbeddedMongo.uri("order-fn"));
		TestIssuer.register(registry);
	}

	/**
	 * Publishes one record as a foreign producer would: raw bytes, CloudEvents headers as
	 * UTF-8 strings.
	 */
	protected void publish(String topic, String key, Map<String, String> headers, byte[] body) {
		new KafkaTopics(broker.getBrokersAsString()).publish(topic, key, headers, body);
	}

	protected void publishEvent(String topic, String type, String id, String orderId, String json) {
		publish(topic, orderId, Map.of("ce_id", id, "ce_type", type, "ce_source", "/test", "ce_specversion", "1.0",
				"ce_subject", orderId, "ce_time", "2026-11-25T10:00:00Z"), json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Waits until {@code topic} holds a record matching {@code match}, reading it from
	 * the beginning.
	 */
	protected ConsumerRecord<String, byte[]> awaitRecord(String topic,
			Predicate<ConsumerRecord<String, byte[]>> match) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> records(topic).stream().filter(match).findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	/**
	 * Waits until nothing is in flight: order-fn's consumer group has committed every
	 * record of its input topics, and the outbox relay has published everything announced
	 * to it. Tests that count events ("exactly once") wait for this first, so that a late
	 * duplicate cannot arrive after they counted.
	 */
	protected void awaitQuiescent() {
		KafkaTopics topics = new KafkaTopics(broker.getBrokersAsString());
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> topics.lag("order-fn", "customer-events") == 0 && topics.lag("order-fn", "payment-events") == 0
					&& relay.idle());
	}

	protected List<ConsumerRecord<String, byte[]>> records(String topic) {
		return new KafkaTopics(broker.getBrokersAsString()).records(topic);
	}

	protected static String header(ConsumerRecord<?, ?> record, String name) {
		return KafkaTopics.header(record, name);
	}

	protected static String body(ConsumerRecord<?, byte[]> record) {
		return KafkaTopics.body(record);
	}

}
