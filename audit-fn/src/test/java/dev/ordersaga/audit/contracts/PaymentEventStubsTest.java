package dev.ordersaga.audit.contracts;

import org.junit.jupiter.api.Test;

import dev.ordersaga.audit.Rule;
import dev.ordersaga.audit.SagaState;
import dev.ordersaga.contracts.ConsumerContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * audit-fn as consumer of payment-fn: each stub of {@code contracts/payment-fn/audit-fn/}
 * is filed on its order's timeline, and the payment rules count charges and refunds by
 * them.
 */
class PaymentEventStubsTest extends ContractTestBase {

	@Test
	@ConsumerContract("payment.processed.v1 for audit-fn")
	void countsTheChargeThatACancellationMustRefund() {
		triggerStub();

		assertFiledAsContracted();
		assertThat(report(orderId()).rules()).doesNotContain(Rule.CHARGE_NOT_REFUNDED);

		publish("order-events", "order-fn", "order.cancelled.v1", orderId(), "{\"reason\":\"TIMEOUT\"}");

		assertThat(awaitReport(orderId(), saga -> saga.state() == SagaState.CANCELLED).rules())
			.contains(Rule.CHARGE_NOT_REFUNDED);
	}

	@Test
	@ConsumerContract("payment.failed.v1 for audit-fn")
	void filesTheFailureWithItsReason() {
		triggerStub();

		assertThat(assertFiledAsContracted().fact("reason")).contains(contractUnderTest().example("reason"));
		assertThat(report(orderId()).events()).isEqualTo(1);
	}

	@Test
	@ConsumerContract("payment.refunded.v1 for audit-fn")
	void closesTheChargeOfACancelledOrder() {
		publish("payment-events", "payment-fn", "payment.processed.v1", orderId(), "{}");
		publish("order-events", "order-fn", "order.cancelled.v1", orderId(), "{\"reason\":\"TIMEOUT\"}");
		assertThat(awaitReport(orderId(), saga -> saga.state() == SagaState.CANCELLED).rules())
			.contains(Rule.CHARGE_NOT_REFUNDED);

		triggerStub();

		assertFiledAsContracted();
		assertThat(awaitReport(orderId(), saga -> saga.events() == 3).rules()).doesNotContain(Rule.CHARGE_NOT_REFUNDED,
				Rule.REFUND_WITHOUT_CHARGE);
	}

}
