package dev.ordersaga.payment.contracts;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ordersaga.contracts.ConsumerContract;
import dev.ordersaga.payment.PaymentStatus;

import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * payment-fn as consumer of order-fn: each stub of {@code contracts/order-fn/payment-fn/}
 * goes through {@code settlePayment} and charges or refunds the order it names.
 */
class OrderEventStubsTest extends ContractTestBase {

	@Test
	@ConsumerContract("order.approved.v1 for payment-fn")
	void chargesTheApprovedOrderOnceAndAnnouncesThePayment() {
		String orderId = contractUnderTest().example("orderId");

		triggerStub();

		assertThat(payment(orderId).status()).isEqualTo(PaymentStatus.CHARGED);
		assertThat(provider.charged(orderId)).isTrue();
		assertAnnounced(output.receive(5000, "payment-events"), "payment.processed.v1", orderId);
	}

	@Test
	@ConsumerContract("order.cancelled.v1 for payment-fn")
	void refundsTheChargedOrderWhenItIsCancelled() {
		String orderId = contractUnderTest().example("orderId");
		approve(orderId, UUID.randomUUID().toString(), "tok_visa");
		assertThat(payment(orderId).status()).isEqualTo(PaymentStatus.CHARGED);

		triggerStub();

		assertThat(payment(orderId).status()).isEqualTo(PaymentStatus.REFUNDED);
		assertAnnounced(output.receive(5000, "payment-events"), "payment.refunded.v1", orderId);
	}

	private static void assertAnnounced(Message<byte[]> event, String type, String orderId) {
		assertThat(event).as(type).isNotNull();
		assertThat(event.getHeaders()).containsEntry("ce_type", type)
			.containsEntry("ce_subject", orderId)
			.containsEntry("ce_source", "/payment-fn");
	}

}
