package dev.ordersaga.devstack.saga;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.ordersaga.devstack.SagaStack;
import dev.ordersaga.support.testing.KafkaTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Eventual consistency: the payment provider or the mail server is away, orders keep
 * coming, the system catches up.
 */
class OutagesTest {

	static final int BURST = 500;

	final SagaStack stack = E2e.stack();

	final SagaClient client = new SagaClient(stack);

	final Sandbox sandbox = new Sandbox(stack);

	final Mailbox mailbox = new Mailbox(stack);

	final KafkaTopics topics = E2e.topics(stack);

	long count(String customer, String status) {
		return client.get("order-fn", "/orders?customerId=" + customer + "&status=" + status + "&size=1")
			.body()
			.get("page")
			.get("totalElements")
			.asLong();
	}

	@Test
	void burstOfOrdersDuringAPaymentOutageIsAcceptedAndCompletedOnceTheProviderReturns() throws Exception {
		SagaClient.Customer customer = client.registeredCustomer(BURST * 1_000L);
		List<SagaClient.Response> responses;

		sandbox.outage();
		try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
			List<Future<SagaClient.Response>> posts = IntStream.range(0, BURST)
				.mapToObj(i -> clients.submit(() -> client.placeOrder(customer.id(), 1_000)))
				.toList();
			responses = posts.stream().map(Payments::join).toList();
			assertThat(responses).extracting(SagaClient.Response::status).containsOnly(201);
			// credit is checked while payment waits: the orders pile up APPROVED, none is
			// charged or failed
			await().atMost(Duration.ofMinutes(3)).until(() -> count(customer.id(), "APPROVED") == BURST);
			assertThat(count(customer.id(), "CANCELLED")).isZero();
		}
		finally {
			sandbox.recover();
		}

		await().atMost(Duration.ofMinutes(6)).until(() -> count(customer.id(), "COMPLETED") == BURST);
		List<String> orderIds = responses.stream().map(r -> r.body().get("orderId").asString()).toList();
		assertThat(orderIds).allSatisfy(orderId -> assertThat(sandbox.successfulCharges(orderId)).isEqualTo(1));
		Set<String> ours = Set.copyOf(orderIds);
		for (String deadLetters : List.of("order-events.dlq", "customer-events.dlq", "payment-events.dlq")) {
			assertThat(topics.records(deadLetters)).as(deadLetters).noneMatch(r -> ours.contains(r.key()));
		}
		// the e-mails catch up too: both of every order, once
		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> mailbox.messageIds(customer.email()).size() >= 2 * BURST);
		assertThat(mailbox.messageIds(customer.email())).hasSize(2 * BURST).doesNotHaveDuplicates();
	}

	/**
	 * Earlier tests' e-mails are out of the way (sent or given up), so that the e-mails
	 * of the test that follows are the only ones an SMTP outage holds up.
	 */
	void awaitNoEmailPending() {
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> mailbox.pending() == 0);
	}

	@Test
	void mailsHeldUpByAnSmtpOutageArriveOnceItIsOverAndTheSagaDoesNotWait() {
		SagaClient.Customer customer = client.registeredCustomer(100_000);
		awaitNoEmailPending();

		stack.stopMail();
		String orderId;
		try {
			orderId = client.order(customer.id(), 10_000);
			assertThat(client.awaitTerminal(orderId, Duration.ofSeconds(90))).isEqualTo("COMPLETED");
		}
		finally {
			stack.startMail();
		}

		await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.messageIds(customer.email()).size() >= 2);
		assertThat(mailbox.messageIds(customer.email())).hasSize(2).doesNotHaveDuplicates();
	}

	@Test
	void smtpOutageBeyondTheRetryBudgetEndsInEmailFailedWhileTheOrderCompletes() {
		SagaClient.Customer customer = client.registeredCustomer(100_000);
		awaitNoEmailPending();

		stack.stopMail();
		try {
			String orderId = client.order(customer.id(), 10_000);

			assertThat(client.awaitTerminal(orderId, Duration.ofSeconds(90))).isEqualTo("COMPLETED");
			await().atMost(Duration.ofSeconds(90))
				.until(() -> topics.events("email-events", orderId, "email.failed.v1").size() == 2);
			assertThat(topics.events("email-events", orderId, "email.failed.v1"))
				.allSatisfy(failed -> assertThat(KafkaTopics.body(failed)).contains("SMTP_UNAVAILABLE"));
		}
		finally {
			stack.startMail();
		}
		assertThat(mailbox.messageIds(customer.email())).isEmpty();
	}

}
