package dev.ordersaga.devstack.saga;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ordersaga.devstack.SagaStack;
import dev.ordersaga.support.testing.KafkaTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record nobody can process goes to the dead-letter topic with its reason and never
 * blocks its partition.
 */
class PoisonRecordTest {

	final SagaStack stack = E2e.stack();

	final SagaClient client = new SagaClient(stack);

	final KafkaTopics topics = E2e.topics(stack);

	@Test
	void poisonRecordsAreDeadLetteredWithTheReasonAndTheNextOrderOnTheirPartitionIsProcessed() {
		String customer = client.customer(100_000);
		String idempotencyKey = UUID.randomUUID().toString();
		// order-fn derives the id of an order placed with an Idempotency-Key from the key
		// (OrderId.forIdempotencyKey),
		// so the poison can be put on exactly the partition the next order's events will
		// use
		String orderId = UUID.nameUUIDFromBytes(("order:" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
			.toString();

		topics.publish("order-events", orderId,
				Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", "order.created.v1"), "this is not JSON");
		topics.publish("order-events", orderId,
				E2e.cloudEvent(UUID.randomUUID().toString(), "order.created.v1", orderId), "{\"unknown\":\"shape\"}");
		SagaClient.Response placed = client.post("order-fn", "/orders",
				SagaClient.orderBody(customer, 10_000, "tok_visa"), "Idempotency-Key", idempotencyKey);

		assertThat(placed.body().get("orderId").asString()).isEqualTo(orderId);
		assertThat(client.awaitCreditDecision(orderId)).isEqualTo("APPROVED");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> topics.records("order-events.dlq").stream().filter(r -> orderId.equals(r.key())).count() >= 2);
		assertThat(topics.records("order-events.dlq").stream().filter(r -> orderId.equals(r.key())))
			.allSatisfy(dead -> {
				assertThat(KafkaTopics.header(dead, "x-original-topic")).isEqualTo("order-events");
				assertThat(KafkaTopics.header(dead, "x-exception-message")).isNotBlank();
			})
			.anySatisfy(dead -> assertThat(KafkaTopics.header(dead, "x-exception-message")).contains("Unreadable"))
			.anySatisfy(dead -> assertThat(KafkaTopics.header(dead, "x-exception-message")).contains("orderId"));
	}

}
