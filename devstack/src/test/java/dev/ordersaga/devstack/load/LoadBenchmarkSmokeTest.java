package dev.ordersaga.devstack.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.devstack.SagaService;
import dev.ordersaga.devstack.SagaStack;
import dev.ordersaga.devstack.saga.E2e;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load benchmark at a tiny size on the shared end-to-end stack: it runs to the end
 * and writes a report of the expected shape. Its figures are not asserted; they are
 * benchmark figures, meaningless at this size.
 */
class LoadBenchmarkSmokeTest {

	/** Measured whatever the stack does. */
	private static final List<String> ALWAYS = List.of("maxSustainedSagasPerSec", "postP50Ms", "postP99Ms",
			"rawHopP50Ms", "rawProducerRecordsPerSec", "providerP50Ms", "floorMs", "storedOrders");

	/**
	 * {@code null} when nothing finished in time (on a very busy machine), else a latency
	 * or ratio.
	 */
	private static final List<String> WHEN_FINISHED = List.of("completedP50Ms", "completedP99Ms", "mailsP99Ms",
			"idleCompletedP50Ms", "ratioIdleP50ToFloor");

	final SagaStack stack = E2e.stack();

	@Test
	void writesAReportWithEveryFigure() throws Exception {
		Path directory = Path.of("target", "load-smoke");

		LoadBenchmark.run(LoadOptions.smoke(5, Duration.ofSeconds(3), directory),
				LoadTarget.of(stack.stack(), "shared end-to-end stack"));

		JsonNode report = JsonMapper.builder().build().readTree(Files.readString(directory.resolve("report.json")));
		for (String figure : ALWAYS) {
			assertThat(report.get(figure)).as(figure).isNotNull();
			assertThat(report.get(figure).isNumber()).as(figure + " = " + report.get(figure)).isTrue();
			assertThat(report.get(figure).asDouble()).as(figure).isGreaterThanOrEqualTo(0);
		}
		for (String figure : WHEN_FINISHED) {
			assertThat(report.has(figure)).as(figure).isTrue();
			if (!report.get(figure).isNull()) {
				assertThat(report.get(figure).asDouble()).as(figure).isGreaterThanOrEqualTo(0);
			}
		}
		assertThat(report.get("measured").get("accepted").asInt()).isEqualTo(15);
		assertThat(report.get("serviceJvmOptions").isArray()).isTrue();
		assertThat(report.get("serviceJvmOptions")).isNotEmpty();
		assertThat(report.get("date").asString()).isNotBlank();
		assertThat(report.get("tracingSampling").asString()).isNotBlank();
		JsonNode cpu = report.get("cpuMsPerSaga");
		assertThat(cpu.has("total")).as("CPU per saga of the stack's JVMs: " + cpu).isTrue();
		assertThat(cpu.get("total").asDouble()).isPositive();
		assertThat(cpu.has(SagaService.ORDER_FN.id())).as("order-fn's CPU per saga: " + cpu).isTrue();
		// where the idle saga's time goes: every event of the critical path, in order
		JsonNode steps = report.get("idleSteps");
		assertThat(steps.propertyNames()).containsExactly("order.created.v1", "credit.reserved.v1", "order.approved.v1",
				"payment.processed.v1", "order.completed.v1");
		if (!report.get("idleCompletedP50Ms").isNull()) {
			assertThat(steps.get("order.completed.v1").get("sincePreviousP50Ms").asDouble()).isGreaterThanOrEqualTo(0);
		}
	}

}
