package dev.ordersaga.devstack.saga;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.ordersaga.devstack.SagaStack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The article's second flow and its compensations, end to end with the real SMTP server
 * and payment sandbox.
 */
class PaymentAndEmailSagaTest {

	final SagaStack stack = E2e.stack();

	final SagaClient client = new SagaClient(stack);

	final Sandbox sandbox = new Sandbox(stack);

	final Mailbox mailbox = new Mailbox(stack);

	static String kind(String messageId) {
		return messageId.substring(messageId.indexOf('.') + 1, messageId.indexOf('@'));
	}

	@Test
	void completedOrderIsChargedOnceMailedTwiceAndItsCreditSettled() {
		SagaClient.Customer customer = client.registeredCustomer(100_000);

		String orderId = client.order(customer.id(), 30_000);

		assertThat(client.awaitTerminal(orderId, Duration.ofSeconds(90))).isEqualTo("COMPLETED");
		assertThat(client.history(orderId)).containsExactly("PENDING", "APPROVED", "COMPLETED");
		assertThat(sandbox.successfulCharges(orderId)).isEqualTo(1);
		await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.messageIds(customer.email()).size() >= 2);
		assertThat(mailbox.messageIds(customer.email())).hasSize(2)
			.allSatisfy(id -> assertThat(id).contains(orderId))
			.extracting(PaymentAndEmailSagaTest::kind)
			.containsExactlyInAnyOrder("payment-completed", "order-completed");
		await().atMost(Duration.ofSeconds(30)).until(() -> client.availableCredit(customer.id()) == 100_000);
	}

	@Test
	void declinedCardCancelsTheOrderReleasesTheCreditAndTellsTheCustomerOnce() {
		SagaClient.Customer customer = client.registeredCustomer(100_000);

		String orderId = client.order(customer.id(), 30_000, "tok_declined");

		assertThat(client.awaitTerminal(orderId, Duration.ofSeconds(90))).isEqualTo("CANCELLED");
		assertThat(client.order(orderId).get("cancelReason").asString()).isEqualTo("PAYMENT_DECLINED");
		assertThat(sandbox.successfulCharges(orderId)).isZero();
		await().atMost(Duration.ofSeconds(30)).until(() -> client.availableCredit(customer.id()) == 100_000);
		await().atMost(Duration.ofSeconds(60)).until(() -> !mailbox.messageIds(customer.email()).isEmpty());
		assertThat(mailbox.messageIds(customer.email())).extracting(PaymentAndEmailSagaTest::kind)
			.containsExactly("order-cancelled");
	}

	@Test
	void chargeThatGoesThroughAfterTheCustomerCancelledIsRefundedExactlyOnce() {
		SagaClient.Customer customer = client.registeredCustomer(100_000);
		sandbox.latency(2_500);
		try {
			String orderId = client.order(customer.id(), 30_000);
			await().atMost(Duration.ofSeconds(60)).until(() -> client.history(orderId).contains("APPROVED"));

			// the charge is in flight at the provider while the customer cancels
			assertThat(client.post("order-fn", "/orders/" + orderId + "/cancel", "").status()).isEqualTo(202);

			await().atMost(Duration.ofSeconds(90)).until(() -> sandbox.refunds(orderId) == 1);
			assertThat(client.status(orderId)).isEqualTo("CANCELLED");
			assertThat(client.order(orderId).get("cancelReason").asString()).isEqualTo("CUSTOMER_REQUEST");
			assertThat(sandbox.successfulCharges(orderId)).isEqualTo(1);
			await().atMost(Duration.ofSeconds(30)).until(() -> client.availableCredit(customer.id()) == 100_000);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> mailbox.messageIds(customer.email())
					.stream()
					.map(PaymentAndEmailSagaTest::kind)
					.toList()
					.containsAll(java.util.List.of("order-cancelled", "payment-refunded")));
			assertThat(mailbox.messageIds(customer.email())).extracting(PaymentAndEmailSagaTest::kind)
				.doesNotHaveDuplicates()
				.doesNotContain("order-completed");
			assertThat(sandbox.refunds(orderId)).isEqualTo(1);
		}
		finally {
			sandbox.latency(0);
		}
	}

}
