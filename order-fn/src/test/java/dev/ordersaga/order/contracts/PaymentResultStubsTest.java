package dev.ordersaga.order.contracts;

import org.junit.jupiter.api.Test;

import dev.ordersaga.contracts.ConsumerContract;
import dev.ordersaga.order.CancelReason;
import dev.ordersaga.order.Order;
import dev.ordersaga.order.OrderId;
import dev.ordersaga.order.OrderStatus;

import static dev.ordersaga.order.contracts.CreditDecisionStubsTest.assertAnnounced;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * order-fn as consumer of payment-fn: each stub of {@code contracts/payment-fn/order-fn/}
 * goes through {@code applyPaymentResult} and completes or cancels the approved order.
 */
class PaymentResultStubsTest extends ContractTestBase {

	@Test
	@ConsumerContract("payment.processed.v1 for order-fn")
	void completesTheApprovedOrderAndKeepsItsPaymentId() {
		String orderId = contractUnderTest().example("orderId");
		approvedOrder(orderId);

		triggerStub();

		Order completed = orders.findById(OrderId.of(orderId)).orElseThrow();
		assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
		assertThat(completed.paymentId()).isEqualTo(contractUnderTest().example("paymentId"));
		assertAnnounced(nextOrderEvent(), "order.completed.v1", orderId);
	}

	@Test
	@ConsumerContract("payment.failed.v1 for order-fn")
	void cancelsTheApprovedOrderWhosePaymentWasDeclined() {
		String orderId = contractUnderTest().example("orderId");
		approvedOrder(orderId);

		triggerStub();

		Order cancelled = orders.findById(OrderId.of(orderId)).orElseThrow();
		assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(cancelled.cancelReason()).isEqualTo(CancelReason.PAYMENT_DECLINED);
		assertAnnounced(nextOrderEvent(), "order.cancelled.v1", orderId);
	}

}
