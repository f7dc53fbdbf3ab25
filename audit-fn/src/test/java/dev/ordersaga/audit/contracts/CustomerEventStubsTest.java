package dev.ordersaga.audit.contracts;

import org.junit.jupiter.api.Test;

import dev.ordersaga.audit.Rule;
import dev.ordersaga.audit.SagaState;
import dev.ordersaga.contracts.ConsumerContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * audit-fn as consumer of customer-fn: each stub of
 * {@code contracts/customer-fn/audit-fn/} is filed on its order's timeline, and the
 * credit rule counts reservations and releases by them.
 */
class CustomerEventStubsTest extends ContractTestBase {

	@Test
	@ConsumerContract("credit.reserved.v1 for audit-fn")
	void countsTheReservationThatACancellationMustRelease() {
		triggerStub();

		assertFiledAsContracted();
		assertThat(report(orderId()).rules()).doesNotContain(Rule.CREDIT_NOT_RELEASED);

		publish("order-events", "order-fn", "order.cancelled.v1", orderId(), "{\"reason\":\"TIMEOUT\"}");

		assertThat(awaitReport(orderId(), saga -> saga.state() == SagaState.CANCELLED).rules())
			.contains(Rule.CREDIT_NOT_RELEASED);
	}

	@Test
	@ConsumerContract("credit.limit-exceeded.v1 for audit-fn")
	void filesTheRefusalWithTheRequestedAndAvailableCredit() {
		triggerStub();

		assertFiledAsContracted();
		assertThat(report(orderId()).state()).isEqualTo(SagaState.UNKNOWN);
	}

	@Test
	@ConsumerContract("customer.not-found.v1 for audit-fn")
	void filesTheUnknownCustomer() {
		triggerStub();

		assertFiledAsContracted();
		assertThat(report(orderId()).state()).isEqualTo(SagaState.UNKNOWN);
	}

	@Test
	@ConsumerContract("credit.released.v1 for audit-fn")
	void closesTheCreditOfACancelledOrder() {
		publish("customer-events", "customer-fn", "credit.reserved.v1", orderId(), "{}");
		publish("order-events", "order-fn", "order.cancelled.v1", orderId(), "{\"reason\":\"TIMEOUT\"}");
		assertThat(awaitReport(orderId(), saga -> saga.state() == SagaState.CANCELLED).rules())
			.contains(Rule.CREDIT_NOT_RELEASED);

		triggerStub();

		assertFiledAsContracted();
		assertThat(awaitReport(orderId(), saga -> saga.events() == 3).rules()).doesNotContain(Rule.CREDIT_NOT_RELEASED);
	}

}
