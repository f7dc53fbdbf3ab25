package dev.ordersaga.audit.contracts;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.ordersaga.audit.SagaReport;
import dev.ordersaga.audit.SagaState;
import dev.ordersaga.contracts.ConsumerContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * audit-fn as consumer of order-fn: each stub of {@code contracts/order-fn/audit-fn/} is
 * filed on its order's timeline and moves the saga's state, clock and deadline as the
 * rules read them.
 */
class OrderEventStubsTest extends ContractTestBase {

	/** {@code saga.audit.deadline}: the deadline of an order whose payBy is not known. */
	static final Duration DEADLINE = Duration.ofMinutes(15);

	@Test
	@ConsumerContract("order.created.v1 for audit-fn")
	void startsTheSagaAtThePlacementTime() {
		triggerStub();

		assertFiledAsContracted();
		SagaReport saga = report(orderId());
		Instant createdAt = Instant.parse(contractUnderTest().example("createdAt"));
		assertThat(saga.state()).isEqualTo(SagaState.PENDING);
		assertThat(saga.createdAt()).isEqualTo(createdAt);
		assertThat(saga.deadline()).isEqualTo(createdAt.plus(DEADLINE));
	}

	@Test
	@ConsumerContract("order.approved.v1 for audit-fn")
	void judgesTheSagaByThePayByOfTheApproval() {
		triggerStub();

		assertFiledAsContracted();
		SagaReport saga = report(orderId());
		assertThat(saga.state()).isEqualTo(SagaState.APPROVED);
		assertThat(saga.deadline()).isEqualTo(Instant.parse(contractUnderTest().example("payBy")));
	}

	@Test
	@ConsumerContract("order.completed.v1 for audit-fn")
	void endsTheSagaAsCompleted() {
		triggerStub();

		assertFiledAsContracted();
		SagaReport saga = report(orderId());
		assertThat(saga.state()).isEqualTo(SagaState.COMPLETED);
		assertThat(saga.terminalAt()).isEqualTo(Instant.parse(header(contractUnderTest(), "ce_time")));
	}

	@Test
	@ConsumerContract("order.cancelled.v1 for audit-fn")
	void endsTheSagaAsCancelledForTheGivenReason() {
		triggerStub();

		assertThat(assertFiledAsContracted().fact("reason")).contains(contractUnderTest().example("reason"));
		SagaReport saga = report(orderId());
		assertThat(saga.state()).isEqualTo(SagaState.CANCELLED);
		assertThat(saga.terminalAt()).isEqualTo(Instant.parse(header(contractUnderTest(), "ce_time")));
	}

}
