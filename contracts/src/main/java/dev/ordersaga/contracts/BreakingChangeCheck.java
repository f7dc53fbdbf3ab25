package dev.ordersaga.contracts;

import java.util.stream.Stream;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each producer runs as its {@code BreakingChangeTest}: its contract tests bite. The
 * test the plugin generated for each contract in {@code contracts/<producer>/} is run
 * again while the event the producer really emits is changed on the wire the way a change
 * of its event record would change it ({@link BreakingChanges}). Renaming or dropping any
 * field a consumer reads fails that test, so it fails the producer's build; adding fields
 * does not (tolerant reader).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BreakingChangeCheck {

	private static final ContractCatalog CONTRACTS = ContractCatalog.fromStubsOnClasspath();

	private final String producer;

	private final BreakingChanges changes;

	/**
	 * @param producer the producer, its folder under {@code contracts/}, e.g.
	 * {@code order-fn}
	 * @param basePackageForTests the plugin's {@code basePackageForTests} of the producer
	 */
	protected BreakingChangeCheck(String producer, String basePackageForTests) {
		this.producer = producer;
		this.changes = new BreakingChanges(basePackageForTests);
	}

	Stream<EventContract> published() {
		return CONTRACTS.publishedBy(producer).stream();
	}

	Stream<Arguments> fieldsConsumersRead() {
		return published().flatMap(
				contract -> BreakingChanges.fieldsRead(contract).stream().map(field -> Arguments.of(contract, field)));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("fieldsConsumersRead")
	public void failsTheBuildWhenTheProducerRenamesAFieldAConsumerReads(EventContract contract, String field) {
		TestExecutionSummary run = changes.verify(contract, BreakingChanges.rename(field));

		assertThat(run.getTotalFailureCount()).as("failures of the contract test with %s renamed", field).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("fieldsConsumersRead")
	public void failsTheBuildWhenTheProducerNoLongerSendsAFieldAConsumerReads(EventContract contract, String field) {
		TestExecutionSummary run = changes.verify(contract, BreakingChanges.drop(field));

		assertThat(run.getTotalFailureCount()).as("failures of the contract test without %s", field).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("published")
	public void keepsTheBuildGreenWhenTheProducerAddsFields(EventContract contract) {
		TestExecutionSummary run = changes.verify(contract, BreakingChanges.addFields());

		assertThat(run.getTestsSucceededCount()).as("contract test passed with fields added").isEqualTo(1);
	}

}
