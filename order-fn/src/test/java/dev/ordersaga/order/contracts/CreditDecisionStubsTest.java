package dev.ordersaga.order.contracts;

import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;

import dev.ordersaga.contracts.ConsumerContract;
import dev.ordersaga.order.CancelReason;
import dev.ordersaga.order.OrderId;
import dev.ordersaga.order.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * order-fn as consumer of customer-fn: each stub of
 * {@code contracts/customer-fn/order-fn/} goes through {@code applyCreditDecision} and
 * moves the order it names.
 */
class CreditDecisionStubsTest extends ContractTestBase {

	@Test
	@ConsumerContract("credit.reserved.v1 for order-fn")
	void approvesThePendingOrderWhoseCreditWasReserved() {
		String orderId = contractUnderTest().example("orderId");
		pendingOrder(orderId, CUSTOMER_OF_STUBS);

		triggerStub();

		assertThat(statusOf(orderId)).isEqualTo(OrderStatus.APPROVED);
		assertAnnounced(nextOrderEvent(), "order.approved.v1", orderId);
	}

	@Test
	@ConsumerContract("credit.limit-exceeded.v1 for order-fn")
	void cancelsThePendingOrderWhoseCreditWasRefused() {
		String orderId = contractUnderTest().example("orderId");
		pendingOrder(orderId, CUSTOMER_OF_STUBS);

		triggerStub();

		assertThat(orders.findById(OrderId.of(orderId)).orElseThrow().cancelReason())
			.isEqualTo(CancelReason.CREDIT_LIMIT_EXCEEDED);
		assertAnnounced(nextOrderEvent(), "order.cancelled.v1", orderId);
	}

	@Test
	@ConsumerContract("customer.not-found.v1 for order-fn")
	void cancelsThePendingOrderOfAnUnknownCustomer() {
		String orderId = contractUnderTest().example("orderId");
		pendingOrder(orderId, CUSTOMER_OF_STUBS);

		triggerStub();

		assertThat(orders.findById(OrderId.of(orderId)).orElseThrow().cancelReason())
			.isEqualTo(CancelReason.UNKNOWN_CUSTOMER);
		assertAnnounced(nextOrderEvent(), "order.cancelled.v1", orderId);
	}

	static final String CUSTOMER_OF_STUBS = "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b";

	static void assertAnnounced(Message<byte[]> event, String type, String orderId) {
		assertThat(event.getHeaders()).containsEntry("ce_type", type)
			.containsEntry("ce_subject", orderId)
			.containsEntry("ce_source", "/order-fn");
	}

}
