package dev.ordersaga.email;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.ordersaga.email.sending.Email;
import dev.ordersaga.email.sending.EmailKind;
import dev.ordersaga.email.sending.EmailStatus;
import dev.ordersaga.email.sending.Emails;
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
 * email-fn on a real embedded Kafka broker (KRaft), the embedded MongoDB wire-protocol
 * server and a GreenMail SMTP server ({@link TestSmtp}). All test classes share this
 * configuration, hence one Spring context, one broker and one SMTP port per test JVM.
 * Waits, budgets and backoffs are seconds instead of minutes. The fallback sweep runs
 * only at start-up here, so every test shows that e-mails go out, are retried and give up
 * without it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
		"spring.cloud.stream.kafka.binder.min-partition-count=2", "saga.email.contact-wait=8s",
		"saga.email.retry.budget=4s", "saga.email.retry.initial-backoff=200ms", "saga.email.retry.max-backoff=500ms",
		"saga.email.dispatch.interval=10m", "saga.email.dispatch.lease=20s", "saga.outbox.sweep-interval=200ms",
		"resilience4j.retry.instances.smtp.max-attempts=2", "resilience4j.retry.instances.smtp.wait-duration=100ms",
		"spring.mail.properties.mail.smtp.connectiontimeout=2000", "spring.mail.properties.mail.smtp.timeout=2000" })
@EmbeddedKafka(partitions = 2, topics = { "order-events", "payment-events", "customer-profiles", "email-events" })
@Import(QueryShapes.Recording.class)
abstract class EmailFnTestBase {

	static final String TIME = "2026-11-25T10:00:00Z";

	@Autowired
	protected EmbeddedKafkaBroker broker;

	@Autowired
	protected Emails emails;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> EmbeddedMongo.uri("email-fn"));
		TestIssuer.register(registry);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", TestSmtp::port);
	}

	static String newId() {
		return UUID.randomUUID().toString();
	}

	/** A fresh address per test, so that tests never see each other's mail. */
	static String newAddress() {
		return "customer-" + UUID.randomUUID() + "@example.com";
	}

	// --- producing what other services would publish

	/**
	 * Publishes one record as a foreign producer would: raw bytes, CloudEvents headers as
	 * UTF-8 strings.
	 */
	protected void publish(String topic, String key, Map<String, String> headers, byte[] body) {
		new KafkaTopics(broker.getBrokersAsString()).publish(topic, key, headers, body);
	}

	/**
	 * Publishes an event with a CloudEvents id derived from key and type, as the
	 * deterministic producers do.
	 */
	protected void publishEvent(String topic, String type, String key, String json) {
		publish(topic, key,
				Map.of("ce_id", UUID.nameUUIDFromBytes((key + type).getBytes(StandardCharsets.UTF_8)).toString(),
						"ce_type", type, "ce_source", "/test", "ce_specversion", "1.0", "ce_subject", key, "ce_time",
						TIME),
				json.getBytes(StandardCharsets.UTF_8));
	}

	protected void profile(String customerId, String name, String email, String locale) {
		publishEvent("customer-profiles", "customer.registered.v1", customerId, """
				{"customerId":"%s","name":"%s","email":"%s","locale":"%s",
				 "creditLimit":{"amount":100000,"currency":"KRW"}}""".formatted(customerId, json(name), json(email),
				locale));
	}

	protected void orderCreated(String orderId, String customerId) {
		publishEvent("order-events", "order.created.v1", orderId, """
				{"orderId":"%s","customerId":"%s","total":{"amount":30000,"currency":"KRW"},
				 "lines":[{"sku":"BOOK-1","quantity":2,"unitPrice":{"amount":15000,"currency":"KRW"}}],
				 "createdAt":"%s"}""".formatted(orderId, customerId, TIME));
	}

	/**
	 * @param customerId {@code null} for a payment-fn that does not name the customer
	 */
	protected void paymentProcessed(String orderId, String customerId) {
		publishEvent("payment-events", "payment.processed.v1", orderId, """
				{"orderId":"%s",%s"paymentId":"pay-%s","amount":{"amount":30000,"currency":"KRW"},
				 "providerReference":"ch_1","processedAt":"%s"}""".formatted(orderId,
				customerId == null ? "" : "\"customerId\":\"" + customerId + "\",", orderId.substring(0, 8), TIME));
	}

	protected void orderCompleted(String orderId, String customerId) {
		publishEvent("order-events", "order.completed.v1", orderId, """
				{"orderId":"%s","customerId":"%s","total":{"amount":30000,"currency":"KRW"},
				 "paymentId":"pay-1","completedAt":"%s"}""".formatted(orderId, customerId, TIME));
	}

	protected void orderCancelled(String orderId, String customerId, String reason) {
		publishEvent("order-events", "order.cancelled.v1", orderId, """
				{"orderId":"%s","customerId":"%s","total":{"amount":30000,"currency":"KRW"},
				 "reason":"%s","cancelledAt":"%s"}""".formatted(orderId, customerId, reason, TIME));
	}

	private static String json(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n");
	}

	// --- observing

	protected Optional<Email> email(String orderId, EmailKind kind) {
		return emails.findById(Email.idOf(OrderId.of(orderId), kind));
	}

	protected Email awaitStatus(String orderId, EmailKind kind, EmailStatus status) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> email(orderId, kind), found -> found.filter(e -> e.status() == status).isPresent())
			.orElseThrow();
	}

	protected List<MimeMessage> awaitMails(String address, int count) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> TestSmtp.receivedBy(address), received -> received.size() >= count);
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

	protected List<ConsumerRecord<String, byte[]>> emailEvents(String orderId, String type) {
		return records("email-events").stream()
			.filter(r -> orderId.equals(r.key()) && type.equals(header(r, "ce_type")))
			.toList();
	}

	protected List<ConsumerRecord<String, byte[]>> records(String topic) {
		return new KafkaTopics(broker.getBrokersAsString()).records(topic);
	}

	/** The text/plain alternative of a received e-mail. */
	protected static String textOf(MimeMessage message) {
		try {
			return textOf(message.getContent()).orElseThrow();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Optional<String> textOf(Object content) throws Exception {
		if (content instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart part = multipart.getBodyPart(i);
				Optional<String> text = part.isMimeType("text/plain") ? Optional.of((String) part.getContent())
						: textOf(part.getContent());
				if (text.isPresent()) {
					return text;
				}
			}
		}
		return Optional.empty();
	}

	protected static String header(ConsumerRecord<?, ?> record, String name) {
		return KafkaTopics.header(record, name);
	}

	protected static String body(ConsumerRecord<?, byte[]> record) {
		return KafkaTopics.body(record);
	}

}
