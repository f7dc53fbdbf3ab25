package dev.ordersaga.devstack.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI-sized fault suite: at least 1 000 orders under every fault class, then every
 * invariant must hold and audit-fn must agree. Runs in a Surefire execution of its own in
 * every {@code verify} ({@code -Dchaos.skip=true} leaves it out);
 * {@code -Dchaos.orders=}, {@code -Dchaos.seed=} and {@code -Dchaos.faults=} shrink it
 * while iterating.
 */
@Tag("chaos")
class ChaosSuiteTest {

	@Test
	@Timeout(value = 12, unit = TimeUnit.MINUTES)
	void everyInvariantHoldsAfterALoadUnderEveryFaultClass() {
		String faults = System.getProperty("chaos.faults", "");
		Set<String> classes = faults.isBlank() ? Faults.CLASSES
				: new TreeSet<>(Arrays.stream(faults.split(",")).map(String::trim).toList());
		ChaosRun.Settings settings = new ChaosRun.Settings(Integer.getInteger("chaos.orders", 1_000),
				Long.getLong("chaos.seed", 20261207L), classes,
				Double.parseDouble(System.getProperty("chaos.rate", "8")), Duration.ofMinutes(3),
				Path.of(System.getProperty("devstack.services-dir", "target/services")),
				Path.of(System.getProperty("chaos.logs-dir", "target/chaos/logs")),
				Path.of(System.getProperty("chaos.report-dir", "target/chaos")));

		ChaosReport report = ChaosRun.run(settings);

		// the load must really have run: a run that placed a few orders proves nothing
		assertThat(((Number) report.asMap().get("orders")).intValue()).as("accepted orders\n" + report.toMarkdown())
			.isGreaterThanOrEqualTo(settings.orders() * 9 / 10);
		ChaosReport.INVARIANTS
			.forEach(invariant -> assertThat(report.violations(invariant)).as(invariant + "\n" + report.toMarkdown())
				.isZero());
		assertThat(report.quiescent()).as(report.toMarkdown()).isTrue();
		assertThat(report.auditAgrees()).as(report.toMarkdown()).isTrue();
		assertThat(report.asMap().get("faultsInjected")).as("every fault class injected")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsOnlyKeys(classes.toArray());
	}

}
