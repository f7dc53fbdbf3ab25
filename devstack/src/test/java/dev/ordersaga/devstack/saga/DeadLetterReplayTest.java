package dev.ordersaga.devstack.saga;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ordersaga.devstack.SagaStack;
import dev.ordersaga.support.testing.KafkaTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters seen and dealt with through audit-fn's API on the whole stack: poison on
 * every topic a service consumes shows up with its reason and its saga, a discard keeps
 * its reason, and a valid event dead-lettered by a misconfigured consumer completes its
 * saga once the consumer is fixed and the dead letter replayed — exactly once, however
 * often it is replayed.
 */
class DeadLetterReplayTest {

	static final String AUDIT = "audit-fn";

	final SagaStack stack = E2e.stack();

	final SagaClient client = new SagaClient(stack);

	final Sandbox sandbox = new Sandbox(stack);

	final KafkaTopics topics = E2e.topics(stack);

	@Test
	void poisonOnEveryConsumedTopicShowsWithItsReasonAndSagaAndADiscardKeepsItsReason() {
		String customer = client.customer(100_000);
		String orderId = client.order(customer, 10_000);
		assertThat(client.awaitTerminal(orderId, Duration.ofSeconds(90))).isEqualTo("COMPLETED");

		// order-events is read by customer-fn, payment-fn and email-fn; customer-events
		// by order-fn; payment-events by order-fn and email-fn
		Map<String, String> types = Map.of("order-events", "order.cancelled.v1", "customer-events",
				"credit.reserved.v1", "payment-events", "payment.processed.v1");
		types.forEach((topic, type) -> topics.publish(topic, orderId,
				E2e.cloudEvent(UUID.randomUUID().toString(), type, orderId), "this is not JSON"));

		List<JsonNode> letters = await().atMost(Duration.ofSeconds(90))
			.until(() -> deadLetters("?orderId=" + orderId),
					found -> found.stream().map(letter -> letter.path("topic").asString()).distinct().count() == 3);
		assertThat(letters).allSatisfy(letter -> {
			assertThat(letter.path("reason").asString()).contains("Unreadable");
			assertThat(letter.path("key").asString()).isEqualTo(orderId);
			assertThat(letter.path("status").asString()).isEqualTo("OPEN");
			assertThat(letter.at("/saga/orderId").asString()).isEqualTo(orderId);
			assertThat(letter.at("/saga/state").asString()).isEqualTo("COMPLETED");
			assertThat(letter.at("/saga/timeline").size()).isGreaterThan(5);
		});
		assertThat(letters).extracting(letter -> letter.at("/original/topic").asString())
			.contains("order-events", "customer-events", "payment-events");

		String id = letters.getFirst().path("id").asString();
		SagaClient.Response discarded = client.post(AUDIT, "/dead-letters/" + id + "/discard",
				"{\"reason\":\"injected by the end-to-end test\"}");
		assertThat(discarded.status()).isEqualTo(200);
		JsonNode shown = client.get(AUDIT, "/dead-letters/" + id).body();
		assertThat(shown.at("/deadLetter/status").asString()).isEqualTo("DISCARDED");
		assertThat(shown.at("/deadLetter/actions/0/reason").asString()).isEqualTo("injected by the end-to-end test");
		assertThat(shown.at("/deadLetter/saga/timeline")
			.valueStream()
			.anyMatch(step -> "dead-letter.discarded".equals(step.path("type").asString()))).isTrue();
		assertThat(client.post(AUDIT, "/dead-letters/" + id + "/discard", "{}").status()).isEqualTo(400);
	}

	@Test
	void aValidEventDeadLetteredByAMisconfiguredConsumerCompletesItsSagaOnceReplayedAndReplayingAgainChangesNothing()
			throws Exception {
		// a payment-fn deployed with a strict reader: order.approved.v1 carries fields
		// payment-fn does not read (approvedAt), so it now takes the approval for poison
		stack.restartService("payment-fn", Map.of("spring.jackson.deserialization.fail-on-unknown-properties", "true"));
		String customer = client.customer(100_000);
		String orderId = client.order(customer, 10_000);
		assertThat(client.awaitCreditDecision(orderId)).isEqualTo("APPROVED");
		JsonNode letter = await().atMost(Duration.ofSeconds(90))
			.until(() -> deadLetters("?orderId=" + orderId + "&topic=order-events"),
					found -> found.stream().anyMatch(dead -> "order.approved.v1".equals(dead.path("type").asString())))
			.stream()
			.filter(dead -> "order.approved.v1".equals(dead.path("type").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(letter.path("reason").asString()).contains("Unreadable");
		assertThat(letter.at("/saga/verdict").asString()).isNotEqualTo("CONSISTENT");
		assertThat(client.status(orderId)).isEqualTo("APPROVED");
		assertThat(sandbox.successfulCharges(orderId)).isZero();

		// fixed: payment-fn back to its own configuration, then the approval replayed
		stack.restartService("payment-fn");
		String id = letter.path("id").asString();
		SagaClient.Response replayed = client.post(AUDIT, "/dead-letters/" + id + "/replay",
				"{\"note\":\"payment-fn reader fixed\"}");
		assertThat(replayed.status()).isEqualTo(200);
		assertThat(replayed.body().path("status").asString()).isEqualTo("REPLAYED");
		assertThat(client.awaitTerminal(orderId, Duration.ofSeconds(90))).isEqualTo("COMPLETED");
		assertThat(sandbox.successfulCharges(orderId)).isEqualTo(1);
		List<String> history = client.history(orderId);

		// again: the same ce_id, every consumer has handled it, nothing changes
		assertThat(client.post(AUDIT, "/dead-letters/" + id + "/replay", "{}").status()).isEqualTo(200);
		new ReplayTest().awaitEveryServiceCaughtUp();
		assertThat(sandbox.successfulCharges(orderId)).isEqualTo(1);
		assertThat(client.history(orderId)).isEqualTo(history);
		assertThat(topics.records("payment-events")
			.stream()
			.filter(record -> orderId.equals(record.key()))
			.filter(record -> "payment.processed.v1".equals(KafkaTopics.header(record, "ce_type")))
			.map(record -> KafkaTopics.header(record, "ce_id"))
			.distinct()).hasSize(1);
		assertThat(client.get(AUDIT, "/dead-letters/" + id).body().at("/deadLetter/actions").size()).isEqualTo(2);
		// audit-fn: the dead letter was dealt with, the saga is consistent once its grace
		// period has passed
		await().atMost(Duration.ofMinutes(3))
			.until(() -> client.get(AUDIT, "/sagas/" + orderId).body().path("verdict").asString(),
					"CONSISTENT"::equals);
	}

	List<JsonNode> deadLetters(String query) {
		return client.get(AUDIT, "/dead-letters" + query + (query.isEmpty() ? "?" : "&") + "size=100")
			.body()
			.path("content")
			.valueStream()
			.toList();
	}

}
