package dev.ordersaga.devstack.saga;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.ordersaga.devstack.SagaStack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox: what order-fn stored is published, whatever happened to the broker or to
 * order-fn meanwhile.
 */
class NoLostEventsTest {

	final SagaStack stack = E2e.stack();

	final SagaClient client = new SagaClient(stack);

	@Test
	void ordersAcceptedWhileTheBrokerIsDownArePublishedWhenItReturns() {
		String customer = client.customer(100_000);
		List<SagaClient.Response> responses;

		stack.stopKafka();
		try {
			responses = IntStream.range(0, 5).mapToObj(i -> client.placeOrder(customer, 1_000)).toList();
		}
		finally {
			stack.startKafka();
		}

		assertThat(responses).extracting(SagaClient.Response::status).containsOnly(201);
		assertThat(responses)
			.allSatisfy(response -> assertThat(client.awaitCreditDecision(response.body().get("orderId").asString()))
				.isEqualTo("APPROVED"));
	}

	@Test
	void orderServiceStoppedBetweenItsWriteAndTheSendPublishesAfterItsRestart() {
		String customer = client.customer(100_000);
		List<String> orders;

		stack.stopKafka();
		try {
			orders = IntStream.range(0, 3).mapToObj(i -> client.order(customer, 1_000)).toList();
			stack.stopService("order-fn");
		}
		finally {
			stack.startKafka();
		}
		stack.startService("order-fn");

		assertThat(orders).allSatisfy(orderId -> assertThat(client.awaitCreditDecision(orderId)).isEqualTo("APPROVED"));
	}

}
