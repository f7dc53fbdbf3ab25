package dev.ordersaga.devstack.saga;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.ordersaga.devstack.SagaStack;
import dev.ordersaga.support.testing.KafkaTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** At-least-once delivery turned into exactly-once effects. */
class DuplicateDeliveryTest {

	final SagaStack stack = E2e.stack();

	final SagaClient client = new SagaClient(stack);

	final KafkaTopics topics = E2e.topics(stack);

	static String orderCreated(String orderId, String customerId, long amount) {
		return """
				{"orderId":"%s","customerId":"%s",
				 "lines":[{"sku":"BOOK-1","quantity":1,"unitPrice":{"amount":%d,"currency":"KRW"}}],
				 "total":{"amount":%d,"currency":"KRW"},"createdAt":"2026-11-25T10:00:00Z"}""".formatted(orderId,
				customerId, amount, amount);
	}

	List<String> reservationIds(String orderId) {
		return topics.events("customer-events", orderId, "credit.reserved.v1")
			.stream()
			.map(r -> KafkaTopics.header(r, "ce_id"))
			.toList();
	}

	@Test
	void sameOrderCreatedDeliveredTwiceReservesOnceAndAnswersTwiceWithTheSameEventId() {
		String customer = client.customer(100_000);
		String orderId = UUID.randomUUID().toString();
		String eventId = UUID.randomUUID().toString();

		for (int delivery = 0; delivery < 2; delivery++) {
			topics.publish("order-events", orderId, E2e.cloudEvent(eventId, "order.created.v1", orderId),
					orderCreated(orderId, customer, 30_000));
		}

		await().atMost(Duration.ofSeconds(60)).until(() -> reservationIds(orderId).size() == 2);
		assertThat(reservationIds(orderId)).containsOnly(reservationIds(orderId).getFirst());
		assertThat(client.availableCredit(customer)).isEqualTo(70_000);
	}

	@Test
	void orderCreatedRedeliveredAfterTheConsumerRestartsBeforeCommittingReservesOnce() throws Exception {
		String customer = client.customer(100_000);
		String orderId = UUID.randomUUID().toString();
		RecordMetadata written = topics.publish("order-events", orderId,
				E2e.cloudEvent(UUID.randomUUID().toString(), "order.created.v1", orderId),
				orderCreated(orderId, customer, 40_000));
		await().atMost(Duration.ofSeconds(60)).until(() -> reservationIds(orderId).size() == 1);

		// the restart loses the commit: rewind customer-fn's group to before the record,
		// as a crash would
		stack.stopService("customer-fn");
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
			TopicPartition partition = new TopicPartition(written.topic(), written.partition());
			await().atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.until(() -> admin
					.alterConsumerGroupOffsets("customer-fn",
							Map.of(partition, new OffsetAndMetadata(written.offset())))
					.all()
					.get() == null);
		}
		stack.startService("customer-fn");

		await().atMost(Duration.ofSeconds(60)).until(() -> reservationIds(orderId).size() == 2);
		assertThat(reservationIds(orderId)).containsOnly(reservationIds(orderId).getFirst());
		assertThat(client.availableCredit(customer)).isEqualTo(60_000);
	}

	@Test
	void sameIdempotencyKeyPostedTwiceCreatesOneOrder() {
		String customer = client.customer(100_000);
		String key = UUID.randomUUID().toString();
		String body = SagaClient.orderBody(customer, 10_000, "tok_visa");

		SagaClient.Response first = client.post("order-fn", "/orders", body, "Idempotency-Key", key);
		SagaClient.Response retry = client.post("order-fn", "/orders", body, "Idempotency-Key", key);

		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.body().get("orderId").asString()).isEqualTo(first.body().get("orderId").asString());
		assertThat(client.get("order-fn", "/orders?customerId=" + customer)
			.body()
			.get("page")
			.get("totalElements")
			.asLong()).isEqualTo(1);
	}

}
