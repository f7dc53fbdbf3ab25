package dev.ordersaga.contracts;

import java.util.Objects;
import java.util.function.Predicate;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For consumer tests: knows the contract the running test's {@link ConsumerContract}
 * names, and lets Stub Runner send its stub message. Registered in each service's
 * contract test base:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * final ContractUnderTest underTest = new ContractUnderTest(CONTRACTS);
 * </pre>
 */
public final class ContractUnderTest implements BeforeEachCallback {

	private final ContractCatalog contracts;

	private EventContract contract;

	public ContractUnderTest(ContractCatalog contracts) {
		this.contracts = contracts;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		contract = context.getTestMethod()
			.map(method -> method.getAnnotation(ConsumerContract.class))
			.map(annotation -> contracts.byLabel(annotation.value()))
			.orElse(null);
	}

	/** The contract named by the running test's {@link ConsumerContract}. */
	public EventContract get() {
		return Objects.requireNonNull(contract, "the test has no @ConsumerContract");
	}

	/**
	 * Sends the contract's stub message into the input binding of its destination.
	 * @param stubTrigger Stub Runner's trigger by label, e.g.
	 * {@code stubTrigger::trigger}
	 */
	public void trigger(Predicate<String> stubTrigger) {
		String label = get().label();
		assertThat(stubTrigger.test(label)).as("stub of '%s' triggered", label).isTrue();
	}

}
