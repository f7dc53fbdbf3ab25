package dev.ordersaga.devstack.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a load run measured; written as {@code report.json} and printed as a Markdown
 * table. Latencies in milliseconds, {@code null} where there was nothing to measure.
 *
 * @param maxSustainedSagasPerSec search: the highest offered rate whose every order
 * completed with p99 under the target; fixed rate: the completion throughput of that step
 * @param completedP50Ms PENDING → COMPLETED of the measured step (search: at 50 % of the
 * maximum), from each order's intended send time
 * @param mailsP99Ms PENDING → both completion mails received
 * @param ratioIdleP50ToFloor idle PENDING → COMPLETED p50 / (4 × raw hop p50 + provider
 * p50)
 * @param tracingSampling the services' {@code management.tracing.sampling.probability}
 * ("default": as configured)
 * @param cpuMsPerSaga CPU milliseconds per finished saga of the measured step (until its
 * backlog drained), per JVM of the stack and in total; empty for a stack elsewhere
 * @param idleSteps where the idle PENDING → COMPLETED time goes: per event of the
 * critical path, the p50 since the previous event's decision and from its decision to its
 * send
 */
public record LoadReport(String date, String mode, String target, int cores, List<String> serviceJvmOptions,
		List<String> loadJvmOptions, String brokerJvmOptions, double maxSustainedSagasPerSec, Double completedP50Ms,
		Double completedP99Ms, Double mailsP50Ms, Double mailsP99Ms, Double postP50Ms, Double postP99Ms,
		Double postP99MsDuringOutage, Double rawHopP50Ms, Double rawHopP99Ms, double rawProducerRecordsPerSec,
		double rawProducerMiBPerSec, Double providerP50Ms, Double idleCompletedP50Ms, Double floorMs,
		Double ratioIdleP50ToFloor, Double ratioCompletedP50ToRawHopP50, Double ratioMaxSustainedToRawProducer,
		int storedOrders, Double preloadSeconds, double completionP99TargetMs, String completionSource,
		String mailSource, SagaLoad.Step measured, List<SagaLoad.Step> steps, SagaLoad.Step outage,
		Integer outageOrdersUnfinishedAfterRecovery, String tracingSampling, Map<String, Double> cpuMsPerSaga,
		Map<String, SagaLoad.IdleStep> idleSteps, List<String> notes) {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	Path write(Path directory) {
		try {
			Files.createDirectories(directory);
			Path file = directory.resolve("report.json");
			Files.writeString(file, JSON.writeValueAsString(this));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the load report to " + directory, ex);
		}
	}

	String markdown() {
		StringBuilder table = new StringBuilder("""
				| figure | value |
				|---|---|
				""");
		row(table, "date", date);
		row(table, "mode / target", mode + " / " + target);
		row(table, "cores", cores);
		row(table, "max sustained sagas/s", "%.1f".formatted(maxSustainedSagasPerSec));
		row(table, "measured step", measured == null ? "–"
				: "%.1f orders/s offered for %.0f s".formatted(measured.offeredPerSec(), measured.seconds()));
		row(table, "PENDING → COMPLETED p50 / p99 ms", completedP50Ms + " / " + completedP99Ms);
		row(table, "PENDING → both mails p50 / p99 ms", mailsP50Ms + " / " + mailsP99Ms);
		row(table, "CPU ms per saga (measured step)", cpuMsPerSaga.isEmpty() ? "–" : cpuMsPerSaga.toString());
		row(table, "tracing sampling", tracingSampling);
		row(table, "POST /orders p50 / p99 ms", postP50Ms + " / " + postP99Ms);
		row(table, "POST /orders p99 ms, provider down", postP99MsDuringOutage);
		row(table, "raw Kafka hop p50 / p99 ms (1 KiB, acks=all)", rawHopP50Ms + " / " + rawHopP99Ms);
		row(table, "raw producer records/s (MiB/s)",
				"%.0f (%.1f)".formatted(rawProducerRecordsPerSec, rawProducerMiBPerSec));
		row(table, "provider charge p50 ms", providerP50Ms);
		row(table, "idle PENDING → COMPLETED p50 ms", idleCompletedP50Ms);
		idleSteps.forEach((type, step) -> row(table, "idle → " + type + " p50 ms (of which decided → sent)",
				step.sincePreviousP50Ms() + " (" + step.decidedToPublishedP50Ms() + ")"));
		row(table, "floor ms (4 × hop + provider)", floorMs);
		row(table, "ratio idle p50 / floor", ratioIdleP50ToFloor);
		row(table, "ratio completed p50 / raw hop p50", ratioCompletedP50ToRawHopP50);
		row(table, "ratio max sagas/s / raw producer records/s", ratioMaxSustainedToRawProducer);
		row(table, "stored orders (preload s)", storedOrders + " (" + preloadSeconds + ")");
		row(table, "service JVM options", String.join(" ", serviceJvmOptions));
		table.append("\n| step | offered/s | accepted | completed | sagas/s | POST p99 | COMPLETED p50 | p99 | "
				+ "mails p99 | sustained |\n|---|---|---|---|---|---|---|---|---|---|\n");
		for (SagaLoad.Step step : steps) {
			table.append("| %s | %.1f | %d | %d | %.1f | %s | %s | %s | %s | %s |%n".formatted(step.label(),
					step.offeredPerSec(), step.accepted(), step.completed(), step.achievedSagasPerSec(),
					step.post().p99(), step.completion().p50(), step.completion().p99(), step.mails().p99(),
					step.sustained() ? "yes" : "no"));
		}
		notes.forEach(note -> table.append("\n- ").append(note));
		return table.toString();
	}

	private static void row(StringBuilder table, String figure, Object value) {
		table.append("| ").append(figure).append(" | ").append(value == null ? "–" : value).append(" |\n");
	}

}
