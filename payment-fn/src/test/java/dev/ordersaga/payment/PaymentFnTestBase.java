package dev.ordersaga.payment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.ordersaga.support.events.EventIds;
import dev.ordersaga.support.testing.EmbeddedMongo;
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
 * payment-fn on a real embedded Kafka broker (KRaft), the embedded MongoDB wire-protocol
 * server and the sandbox provider (in-process, real HTTP). All test classes share this
 * configuration, hence one Spring context, one broker and one sandbox per test JVM.
 * Resilience settings are shortened so that outages play out in seconds; the time limit
 * is not, so that a slow first answer on a busy machine does not count as an outage.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
				"spring.cloud.stream.kafka.binder.min-partition-count=2", "saga.payment.outage-retry-interval=200ms",
				"saga.payment.provider.read-timeout=6s", "saga.payment.recheck.delays=1s,2s,4s",
				"saga.payment.recheck.poll-interval=200ms", "saga.payment.recheck.lease=2s",
				"resilience4j.retry.instances.paymentProvider.wait-duration=100ms",
				"resilience4j.circuitbreaker.instances.paymentProvider.sliding-window-size=8",
				"resilience4j.circuitbreaker.instances.paymentProvider.minimum-number-of-calls=4",
				"resilience4j.circuitbreaker.instances.paymentProvider.wait-duration-in-open-state=1s",
				"resilience4j.timelimiter.instances.paymentProvider.timeout-duration=5s" })
@EmbeddedKafka(partitions = 2, topics = { "order-events", "payment-events" })
@Import(QueryShapes.Recording.class)
abstract class PaymentFnTestBase {

	static final String ORDER_APPROVED = "order.approved.v1";

	static final String ORDER_CANCELLED = "order.cancelled.v1";

	@Autowired
	protected EmbeddedKafkaBroker broker;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> EmbeddedMongo.uri("payment-fn"));
		TestIssuer.register(registry);
		registry.add("saga.payment.provider.base-url", SandboxAccess::url);
		registry.add("saga.payment.provider.api-key", () -> SandboxAccess.API_KEY);
	}

	static String newOrderId() {
		return UUID.randomUUID().toString();
	}

	/**
	 * Publishes order-fn's approval of the order, with the id order-fn would give it (so
	 * a re-publish is a redelivery).
	 */
	protected void approve(String orderId, String token, long amount, Instant payBy) {
		publishEvent(ORDER_APPROVED, EventIds.of(orderId, ORDER_APPROVED), orderId, """
				{"orderId":"%s","customerId":"%s","total":{"amount":%d,"currency":"KRW"},"paymentMethod":"%s",
				 "payBy":"%s","approvedAt":"%s"}""".formatted(orderId, customerOf(orderId), amount, token, payBy,
				Instant.now()));
	}

	protected void approve(String orderId, String token) {
		approve(orderId, token, 30_000, Instant.now().plus(Duration.ofMinutes(15)));
	}

	protected void cancel(String orderId, String reason) {
		publishEvent(ORDER_CANCELLED, EventIds.of(orderId, ORDER_CANCELLED), orderId, """
				{"orderId":"%s","customerId":"%s","total":{"amount":30000,"currency":"KRW"},"reason":"%s",
				 "cancelledAt":"%s"}""".formatted(orderId, customerOf(orderId), reason, Instant.now()));
	}

	/** A stable customer per order, so events of one order agree. */
	static String customerOf(String orderId) {
		return UUID.nameUUIDFromBytes(("customer:" + orderId).getBytes(StandardCharsets.UTF_8)).toString();
	}

	protected void publishEvent(String type, String id, String orderId, String json) {
		publish("order-events", orderId, Map.of("ce_id", id, "ce_type", type, "ce_source", "/order-fn",
				"ce_specversion", "1.0", "ce_subject", orderId, "ce_time", Instant.now().toString()),
				json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Publishes one record as a foreign producer would: raw bytes, CloudEvents headers as
	 * UTF-8 strings.
	 */
	protected void publish(String topic, String key, Map<String, String> headers, byte[] body) {
		new KafkaTopics(broker.getBrokersAsString()).publish(topic, key, headers, body);
	}

	/** The payment events published for the order, oldest first. */
	protected List<ConsumerRecord<String, byte[]>> paymentEvents(String orderId) {
		return records("payment-events").stream().filter(r -> orderId.equals(r.key())).toList();
	}

	protected List<ConsumerRecord<String, byte[]>> paymentEvents(String orderId, String type) {
		return paymentEvents(orderId).stream().filter(r -> type.equals(header(r, "ce_type"))).toList();
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

	protected ConsumerRecord<String, byte[]> awaitPaymentEvent(String orderId, String type) {
		return awaitRecord("payment-events", r -> orderId.equals(r.key()) && type.equals(header(r, "ce_type")));
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
