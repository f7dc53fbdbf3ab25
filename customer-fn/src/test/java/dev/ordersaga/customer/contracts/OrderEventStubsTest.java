package dev.ordersaga.customer.contracts;

import org.junit.jupiter.api.Test;

import dev.ordersaga.contracts.ConsumerContract;
import dev.ordersaga.customer.OrderId;
import dev.ordersaga.customer.Reservation;

import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * customer-fn as consumer of order-fn: each stub of
 * {@code contracts/order-fn/customer-fn/} goes through {@code decideCredit} and moves the
 * customer's credit.
 */
class OrderEventStubsTest extends ContractTestBase {

	@Test
	@ConsumerContract("order.created.v1 for customer-fn")
	void reservesTheOrderTotalAndAnnouncesTheReservation() {
		String orderId = contractUnderTest().example("orderId");
		String customerId = contractUnderTest().example("customerId");
		customer(customerId, 100_000, "KRW");

		triggerStub();

		assertThat(reload(customerId).reservation(OrderId.of(orderId))).get()
			.extracting(Reservation::amount, Reservation::status)
			.containsExactly(30_000L, Reservation.Status.OPEN);
		assertThat(reload(customerId).available()).isEqualTo(70_000);
		assertAnnounced(output.receive(1000, "customer-events"), "credit.reserved.v1", orderId);
	}

	@Test
	@ConsumerContract("order.cancelled.v1 for customer-fn")
	void releasesTheCreditOfTheCancelledOrderAndAnnouncesTheRelease() {
		String orderId = contractUnderTest().example("orderId");
		String customerId = contractUnderTest().example("customerId");
		customer(customerId, 100_000, "KRW");
		reserve(orderId, customerId, 30_000);

		triggerStub();

		assertThat(reload(customerId).reservation(OrderId.of(orderId)).orElseThrow().status())
			.isEqualTo(Reservation.Status.RELEASED);
		assertThat(reload(customerId).available()).isEqualTo(100_000);
		assertAnnounced(output.receive(1000, "customer-events"), "credit.released.v1", orderId);
	}

	@Test
	@ConsumerContract("order.completed.v1 for customer-fn")
	void settlesTheCreditOfTheCompletedOrderSilently() {
		String orderId = contractUnderTest().example("orderId");
		String customerId = contractUnderTest().example("customerId");
		customer(customerId, 100_000, "KRW");
		reserve(orderId, customerId, 30_000);

		triggerStub();

		assertThat(reload(customerId).reservation(OrderId.of(orderId)).orElseThrow().status())
			.isEqualTo(Reservation.Status.SETTLED);
		assertThat(reload(customerId).available()).isEqualTo(100_000);
		assertThat(output.receive(200, "customer-events")).isNull();
	}

	private static void assertAnnounced(Message<byte[]> event, String type, String orderId) {
		assertThat(event).as(type).isNotNull();
		assertThat(event.getHeaders()).containsEntry("ce_type", type)
			.containsEntry("ce_subject", orderId)
			.containsEntry("ce_source", "/customer-fn");
	}

}
