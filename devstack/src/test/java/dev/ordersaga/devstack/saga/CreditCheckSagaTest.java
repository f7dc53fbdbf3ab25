package dev.ordersaga.devstack.saga;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ordersaga.devstack.SagaStack;
import dev.ordersaga.support.testing.KafkaTopics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The article's first flow end to end: HTTP → order-fn → Kafka → customer-fn → Kafka →
 * order-fn.
 */
class CreditCheckSagaTest {

	final SagaStack stack = E2e.stack();

	final SagaClient client = new SagaClient(stack);

	final KafkaTopics topics = E2e.topics(stack);

	@Test
	void approvesOrderWithinTheCreditLimitAndReservesTheCredit() {
		String customer = client.customer(100_000);

		String orderId = client.order(customer, 30_000);

		assertThat(client.status(orderId)).isIn("PENDING", "APPROVED", "COMPLETED");
		assertThat(client.awaitCreditDecision(orderId)).isEqualTo("APPROVED");
		assertThat(client.history(orderId)).doesNotContain("CANCELLED");
		assertThat(topics.events("customer-events", orderId, "credit.reserved.v1")).singleElement()
			.satisfies(reserved -> assertThat(KafkaTopics.body(reserved))
				.contains("\"availableAfter\":{\"amount\":70000,\"currency\":\"KRW\"}"));
	}

	@Test
	void cancelsOrderBeyondTheCreditLimitAndLeavesTheCreditUntouched() {
		String customer = client.customer(100_000);

		String orderId = client.order(customer, 150_000);

		assertThat(client.awaitCreditDecision(orderId)).isEqualTo("CANCELLED");
		assertThat(client.order(orderId).get("cancelReason").asString()).isEqualTo("CREDIT_LIMIT_EXCEEDED");
		assertThat(client.availableCredit(customer)).isEqualTo(100_000);
	}

	@Test
	void cancelsOrderOfAnUnknownCustomer() {
		String orderId = client.order(UUID.randomUUID().toString(), 10_000);

		assertThat(client.awaitCreditDecision(orderId)).isEqualTo("CANCELLED");
		assertThat(client.order(orderId).get("cancelReason").asString()).isEqualTo("UNKNOWN_CUSTOMER");
	}

}
