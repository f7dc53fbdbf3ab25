package dev.ordersaga.email.contracts;

import org.junit.jupiter.api.Test;

import dev.ordersaga.contracts.ConsumerContract;
import dev.ordersaga.email.CustomerId;
import dev.ordersaga.email.OrderId;
import dev.ordersaga.email.sending.Email;
import dev.ordersaga.email.sending.EmailKind;
import dev.ordersaga.support.money.Money;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * email-fn as consumer of order-fn: each stub of {@code contracts/order-fn/email-fn/}
 * goes through {@code requestOrderEmails} and links the order to its customer or requests
 * the e-mail it calls for.
 */
class OrderEventStubsTest extends ContractTestBase {

	@Test
	@ConsumerContract("order.created.v1 for email-fn")
	void learnsTheCustomerOfACreatedOrder() {
		triggerStub();

		assertThat(contacts.customerOf(OrderId.of(contractUnderTest().example("orderId"))))
			.contains(CustomerId.of(contractUnderTest().example("customerId")));
	}

	@Test
	@ConsumerContract("order.approved.v1 for email-fn")
	void learnsTheCustomerOfAnApprovedOrder() {
		triggerStub();

		assertThat(contacts.customerOf(OrderId.of(contractUnderTest().example("orderId"))))
			.contains(CustomerId.of(contractUnderTest().example("customerId")));
	}

	@Test
	@ConsumerContract("order.completed.v1 for email-fn")
	void requestsTheOrderCompletedEmailWithTheTotal() {
		triggerStub();

		Email email = email(contractUnderTest().example("orderId"), EmailKind.ORDER_COMPLETED);
		assertThat(email.customerId()).isEqualTo(CustomerId.of(contractUnderTest().example("customerId")));
		assertThat(email.facts().amount()).isEqualTo(Money.of(30_000, "KRW"));
	}

	@Test
	@ConsumerContract("order.cancelled.v1 for email-fn")
	void requestsTheOrderCancelledEmailWithTheReason() {
		triggerStub();

		Email email = email(contractUnderTest().example("orderId"), EmailKind.ORDER_CANCELLED);
		assertThat(email.customerId()).isEqualTo(CustomerId.of(contractUnderTest().example("customerId")));
		assertThat(email.facts().reason()).isEqualTo(contractUnderTest().example("reason"));
		assertThat(email.facts().amount()).isEqualTo(Money.of(30_000, "KRW"));
	}

}
