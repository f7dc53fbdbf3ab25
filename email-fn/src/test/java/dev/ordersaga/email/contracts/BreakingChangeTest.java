package dev.ordersaga.email.contracts;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import dev.ordersaga.contracts.BreakingChanges;
import dev.ordersaga.contracts.EventContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract tests of email-fn bite: the test the plugin generated for each contract in
 * {@code contracts/email-fn/} is run again while the event email-fn really emits is
 * changed on the wire the way a change of its event record would change it. Renaming or
 * dropping any field a consumer reads fails that test, so it fails email-fn's build;
 * adding fields does not (tolerant reader).
 */
class BreakingChangeTest {

	static final BreakingChanges CHANGES = new BreakingChanges("dev.ordersaga.email.contracts");

	static Stream<EventContract> published() {
		return ContractTestBase.CONTRACTS.publishedBy("email-fn").stream();
	}

	static Stream<Arguments> fieldsConsumersRead() {
		return published().flatMap(
				contract -> BreakingChanges.fieldsRead(contract).stream().map(field -> Arguments.of(contract, field)));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("fieldsConsumersRead")
	void failsTheBuildWhenEmailFnRenamesAFieldAConsumerReads(EventContract contract, String field) {
		TestExecutionSummary run = CHANGES.verify(contract, BreakingChanges.rename(field));

		assertThat(run.getTotalFailureCount()).as("failures of the contract test with %s renamed", field).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("fieldsConsumersRead")
	void failsTheBuildWhenEmailFnNoLongerSendsAFieldAConsumerReads(EventContract contract, String field) {
		TestExecutionSummary run = CHANGES.verify(contract, BreakingChanges.drop(field));

		assertThat(run.getTotalFailureCount()).as("failures of the contract test without %s", field).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("published")
	void keepsTheBuildGreenWhenEmailFnAddsFields(EventContract contract) {
		TestExecutionSummary run = CHANGES.verify(contract, BreakingChanges.addFields());

		assertThat(run.getTestsSucceededCount()).as("contract test passed with fields added").isEqualTo(1);
	}

}
