package dev.ordersaga.devstack.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.devstack.SagaStack;
import dev.ordersaga.devstack.saga.E2e;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load benchmark at a tiny size on the shared end-to-end stack: it runs to the end
 * and writes a report of the expected shape. Its figures are not asserted; they are
 * benchmark figures, meaningless at this size.
 */
class LoadBenchmarkSmokeTest {

	private static final List<String> FIGURES = List.of("maxSustainedSagasPerSec", "completedP50Ms", "completedP99Ms",
			"mailsP99Ms", "postP99Ms", "rawHopP50Ms", "providerP50Ms", "ratioIdleP50ToFloor", "storedOrders",
			"rawProducerRecordsPerSec", "idleCompletedP50Ms", "floorMs");

	final SagaStack stack = E2e.stack();

	@Test
	void writesAReportWithEveryFigure() throws Exception {
		Path directory = Path.of("target", "load-smoke");

		LoadBenchmark.run(LoadOptions.smoke(5, Duration.ofSeconds(3), directory),
				LoadTarget.of(stack.stack(), "shared end-to-end stack"));

		JsonNode report = JsonMapper.builder().build().readTree(Files.readString(directory.resolve("report.json")));
		for (String figure : FIGURES) {
			assertThat(report.get(figure)).as(figure).isNotNull();
			assertThat(report.get(figure).isNumber()).as(figure + " = " + report.get(figure)).isTrue();
			assertThat(report.get(figure).asDouble()).as(figure).isGreaterThanOrEqualTo(0);
		}
		assertThat(report.get("measured").get("accepted").asInt()).isEqualTo(15);
		assertThat(report.get("serviceJvmOptions").isArray()).isTrue();
		assertThat(report.get("serviceJvmOptions")).isNotEmpty();
		assertThat(report.get("date").asString()).isNotBlank();
	}

}
