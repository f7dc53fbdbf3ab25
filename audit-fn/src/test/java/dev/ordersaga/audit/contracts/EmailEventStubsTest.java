package dev.ordersaga.audit.contracts;

import org.junit.jupiter.api.Test;

import dev.ordersaga.audit.Rule;
import dev.ordersaga.audit.SagaState;
import dev.ordersaga.contracts.ConsumerContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * audit-fn as consumer of email-fn: each stub of {@code contracts/email-fn/audit-fn/} is
 * filed on its order's timeline, and the e-mail rules judge it by its kind.
 */
class EmailEventStubsTest extends ContractTestBase {

	@Test
	@ConsumerContract("email.sent.v1 for audit-fn")
	void judgesTheSentEmailByItsKind() {
		triggerStub();

		assertThat(assertFiledAsContracted().fact("kind")).contains("ORDER_COMPLETED");
		// the stub's order never completed: an ORDER_COMPLETED e-mail for it breaks a
		// rule
		assertThat(awaitReport(orderId(), saga -> saga.rules().contains(Rule.COMPLETION_EMAIL_FOR_UNCOMPLETED_ORDER))
			.state()).isEqualTo(SagaState.UNKNOWN);
	}

	@Test
	@ConsumerContract("email.failed.v1 for audit-fn")
	void filesTheEmailGivenUpWithReasonAndAttempts() {
		triggerStub();

		assertThat(assertFiledAsContracted().facts()).containsEntry("reason", contractUnderTest().example("reason"))
			.containsEntry("attempts", contractUnderTest().example("attempts"));
	}

}
