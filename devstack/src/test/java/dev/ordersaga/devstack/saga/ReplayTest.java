package dev.ordersaga.devstack.saga;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import dev.ordersaga.devstack.SagaStack;
import dev.ordersaga.support.testing.KafkaTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redelivering every event of a finished saga is harmless: every handler is idempotent.
 */
class ReplayTest {

	static final List<String> SAGA_TOPICS = List.of("order-events", "customer-events", "payment-events",
			"email-events");

	final SagaStack stack = E2e.stack();

	final SagaClient client = new SagaClient(stack);

	final Sandbox sandbox = new Sandbox(stack);

	final Mailbox mailbox = new Mailbox(stack);

	final KafkaTopics topics = E2e.topics(stack);

	@Test
	void replayingEveryEventOfACompletedSagaChangesNothing() {
		SagaClient.Customer customer = client.registeredCustomer(100_000);
		String orderId = client.order(customer.id(), 30_000);
		assertThat(client.awaitTerminal(orderId, Duration.ofSeconds(90))).isEqualTo("COMPLETED");
		await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.messageIds(customer.email()).size() == 2);
		await().atMost(Duration.ofSeconds(30)).until(() -> client.availableCredit(customer.id()) == 100_000);
		List<String> historyBefore = client.history(orderId);
		Map<String, Integer> eventsBefore = eventCounts(orderId);

		List<ConsumerRecord<String, byte[]>> saga = SAGA_TOPICS.stream()
			.flatMap(topic -> topics.records(topic).stream())
			.filter(record -> orderId.equals(record.key()))
			.toList();
		assertThat(saga).extracting(record -> KafkaTopics.header(record, "ce_type"))
			.containsExactlyInAnyOrder("order.created.v1", "credit.reserved.v1", "order.approved.v1",
					"payment.processed.v1", "order.completed.v1", "email.sent.v1", "email.sent.v1");
		for (ConsumerRecord<String, byte[]> record : saga) {
			Map<String, String> headers = new HashMap<>();
			for (Header header : record.headers()) {
				headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
			}
			topics.publish(record.topic(), record.key(), headers, new String(record.value(), StandardCharsets.UTF_8));
		}
		awaitEveryServiceCaughtUp();

		assertThat(sandbox.successfulCharges(orderId)).isEqualTo(1);
		assertThat(sandbox.refunds(orderId)).isZero();
		assertThat(mailbox.messageIds(customer.email())).hasSize(2);
		assertThat(client.history(orderId)).isEqualTo(historyBefore);
		assertThat(client.availableCredit(customer.id())).isEqualTo(100_000);
		// every answer to a replayed event is a duplicate of the original: same ce_id,
		// nothing new
		assertThat(distinctEventIds(orderId)).isEqualTo(eventsBefore);
	}

	/** Number of distinct ce_ids per ce_type among the saga's events. */
	Map<String, Integer> distinctEventIds(String orderId) {
		Map<String, java.util.Set<String>> ids = new HashMap<>();
		SAGA_TOPICS.forEach(topic -> topics.records(topic)
			.stream()
			.filter(record -> orderId.equals(record.key()))
			.forEach(record -> ids
				.computeIfAbsent(KafkaTopics.header(record, "ce_type"), type -> new java.util.HashSet<>())
				.add(KafkaTopics.header(record, "ce_id"))));
		Map<String, Integer> counts = new HashMap<>();
		ids.forEach((type, set) -> counts.put(type, set.size()));
		return counts;
	}

	Map<String, Integer> eventCounts(String orderId) {
		return distinctEventIds(orderId);
	}

	/**
	 * Waits until the stack is quiescent (every group drained, every relay and the e-mail
	 * dispatcher idle, nothing new for a while): counting right after the replayed
	 * records are consumed would miss a duplicate published or sent a moment later.
	 */
	void awaitEveryServiceCaughtUp() {
		new Quiescence(stack, topics, mailbox).awaitQuiet(Duration.ofSeconds(120));
	}

}
