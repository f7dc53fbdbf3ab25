package dev.ordersaga.payment.contracts;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import dev.ordersaga.contracts.BreakingChanges;
import dev.ordersaga.contracts.EventContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract tests of payment-fn bite: the test the plugin generated for each contract
 * in {@code contracts/payment-fn/} is run again while the event payment-fn really emits
 * is changed on the wire the way a change of its event record would change it. Renaming
 * or dropping any field a consumer reads fails that test, so it fails payment-fn's build;
 * adding fields does not (tolerant reader).
 */
class BreakingChangeTest {

	static final BreakingChanges CHANGES = new BreakingChanges("dev.ordersaga.payment.contracts");

	static Stream<EventContract> published() {
		return ContractTestBase.CONTRACTS.publishedBy("payment-fn").stream();
	}

	static Stream<Arguments> fieldsConsumersRead() {
		return published().flatMap(
				contract -> BreakingChanges.fieldsRead(contract).stream().map(field -> Arguments.of(contract, field)));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("fieldsConsumersRead")
	void failsTheBuildWhenPaymentFnRenamesAFieldAConsumerReads(EventContract contract, String field) {
		TestExecutionSummary run = CHANGES.verify(contract, BreakingChanges.rename(field));

		assertThat(run.getTotalFailureCount()).as("failures of the contract test with %s renamed", field).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("fieldsConsumersRead")
	void failsTheBuildWhenPaymentFnNoLongerSendsAFieldAConsumerReads(EventContract contract, String field) {
		TestExecutionSummary run = CHANGES.verify(contract, BreakingChanges.drop(field));

		assertThat(run.getTotalFailureCount()).as("failures of the contract test without %s", field).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("published")
	void keepsTheBuildGreenWhenPaymentFnAddsFields(EventContract contract) {
		TestExecutionSummary run = CHANGES.verify(contract, BreakingChanges.addFields());

		assertThat(run.getTestsSucceededCount()).as("contract test passed with fields added").isEqualTo(1);
	}

}
