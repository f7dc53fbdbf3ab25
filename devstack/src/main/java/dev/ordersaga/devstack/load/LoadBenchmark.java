package dev.ordersaga.devstack.load;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.devstack.EmbeddedStack;
import dev.ordersaga.devstack.LogSink;
import dev.ordersaga.devstack.SagaService;

/**
 * The saga under load, next to what the machine and the broker can do on their own.
 * <p>
 * {@code ./mvnw -pl devstack -am -DskipTests -Pload package}, options as {@code -Dload.*}
 * (see {@link LoadOptions} and devstack/README.md). Without {@code load.target} it starts
 * its own stack (free ports, in-memory MongoDB, the service JVMs with production-like
 * settings); with it, it loads a stack that already runs. Order of a run: customers, the
 * baselines (raw Kafka hop and producer throughput, the provider's charge call), the
 * preload of stored orders, a warm-up, single orders on the idle stack, then either the
 * given rate or the search for the maximum sustained rate followed by a step at half of
 * it, and optionally the same rate with the payment provider down. Prints a Markdown
 * table and writes {@code report.json}; it asserts nothing.
 */
public final class LoadBenchmark {

	private static final Logger log = LoggerFactory.getLogger(LoadBenchmark.class);

	/** Production-like service JVMs: the JIT's full tiers, G1, a fixed heap. */
	static final List<String> PRODUCTION_TUNING = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC");

	private static final double WARM_UP_RATE = 10;

	private static final Duration SERVICE_READY_TIMEOUT = Duration.ofMinutes(20);

	private LoadBenchmark() {
	}

	public static void main(String[] args) {
		LoadOptions options = LoadOptions.fromSystemProperties();
		if (options.target().isPresent()) {
			run(options, LoadTarget.parse(options.target().get()));
			return;
		}
		List<String> tuning = System.getProperty("load.service-jvm", "").isBlank() ? PRODUCTION_TUNING
				: Arrays.asList(System.getProperty("load.service-jvm").strip().split("\\s+"));
		EmbeddedStack.Builder builder = EmbeddedStack.builder();
		tracingSampling().ifPresent(sampling -> {
			for (SagaService service : SagaService.values()) {
				builder.serviceProperties(service, Map.of("management.tracing.sampling.probability", sampling));
			}
		});
		try (EmbeddedStack stack = builder.servicesDirectory(options.servicesDirectory().toAbsolutePath())
			.temporaryKafkaDirectory()
			.logs(LogSink.files(options.logsDirectory().toAbsolutePath()))
			.serviceJvmTuning(tuning)
			// the full JIT tiers start slower than devstack's C1-only JVMs, the more so
			// on a
			// busy machine
			.readyTimeout(SERVICE_READY_TIMEOUT)
			.build()) {
			stack.startInfrastructure().startServices();
			run(options, LoadTarget.of(stack, "embedded stack started by the benchmark"));
		}
	}

	/**
	 * {@code load.tracing-sampling}: the services' trace sampling probability for this
	 * run (to measure what tracing costs); absent = as configured.
	 */
	private static Optional<String> tracingSampling() {
		return Optional.ofNullable(System.getProperty("load.tracing-sampling"))
			.map(String::strip)
			.filter(value -> !value.isEmpty());
	}

	/**
	 * Runs the benchmark against {@code target}, logs the table and writes the report.
	 */
	public static LoadReport run(LoadOptions options, LoadTarget target) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		try (SagaWatch watch = new SagaWatch(target.kafkaBootstrap()).start()) {
			MailWatch mail = target.greenMail().<MailWatch>map(GreenMailWatch::new).orElse(watch);
			LoadReport report = new LoadBenchmark().measure(options, target, http, watch, mail);
			Path file = report.write(options.reportDirectory());
			log.info("Load benchmark\n\n{}\nReport: {}", report.markdown(), file.toAbsolutePath());
			return report;
		}
		finally {
			http.close();
		}
	}

	private LoadReport measure(LoadOptions options, LoadTarget target, HttpClient http, SagaWatch watch,
			MailWatch mail) {
		List<String> notes = new ArrayList<>();
		SagaLoad load = new SagaLoad(options, target, http, watch, mail);
		load.registerCustomers(options.customers());

		log.info("Baseline: raw Kafka hop and producer throughput on {}", target.kafkaBootstrap());
		Baselines.Kafka kafka = Baselines.kafka(target.kafkaBootstrap(), options.hopSamples(),
				options.throughputRecords());
		log.info("Baseline: the provider's charge API at {}", target.sandbox());
		Latencies.Summary provider = Baselines.provider(http, target.sandbox(), options.providerSamples());

		Double preloadSeconds = null;
		int stored = 0;
		if (options.storedOrders() > 0) {
			SagaLoad.Preload preload = load.preload(options.storedOrders(), options.preloadClients());
			preloadSeconds = round(preload.seconds());
			stored = preload.completed();
			notes.add("Preload: %d orders placed in %.1f s by %d clients, %d completed after %.1f s".formatted(
					preload.placed(), preload.postSeconds(), options.preloadClients(), preload.completed(),
					preload.seconds()));
			mail.forget();
		}

		if (options.warmUpOrders() > 0) {
			load.step("warm-up", WARM_UP_RATE, Duration.ofMillis(options.warmUpOrders() * 1000L / (long) WARM_UP_RATE),
					true);
			load.awaitBacklog(options.drainLimit());
		}
		SagaLoad.Idle idleRun = load.idle(options.idleSamples());
		Latencies.Summary idle = idleRun.completion();

		List<SagaLoad.Step> steps = new ArrayList<>();
		SagaLoad.Step measured;
		CpuTime cpuBefore;
		double maxSustained;
		String mode;
		if (options.rate().isPresent()) {
			mode = "fixed rate";
			cpuBefore = CpuTime.of(target.processIds().get());
			measured = load.step("fixed rate", options.rate().get(), options.duration(), true);
			steps.add(measured);
			maxSustained = measured.achievedSagasPerSec();
			notes.add("Fixed rate, no search: maxSustainedSagasPerSec is the completion throughput of that step"
					+ (measured.sustained() ? "" : " (NOT sustained: see the step)") + ".");
		}
		else {
			mode = "maximum search";
			maxSustained = search(options, load, steps, notes);
			double half = maxSustained > 0 ? maxSustained / 2 : options.searchStart() / 2;
			int unfinished = load.awaitBacklog(options.drainLimit());
			if (unfinished > 0) {
				notes.add(unfinished + " orders of the search were still unfinished when the step at half the "
						+ "maximum started.");
			}
			cpuBefore = CpuTime.of(target.processIds().get());
			measured = load.step("50 % of max", half, options.duration(), true);
			steps.add(measured);
		}
		int measuredUnfinished = load.awaitBacklog(options.drainLimit());
		Map<String, Double> cpuPerSaga = CpuTime.of(target.processIds().get())
			.perSagaSince(cpuBefore, measured.accepted() - measuredUnfinished);

		SagaLoad.Step outage = null;
		Integer outageUnfinished = null;
		if (options.paymentOutage()) {
			load.awaitBacklog(options.drainLimit());
			load.paymentOutage(true);
			try {
				outage = load.step("payment outage", measured.offeredPerSec(), options.duration(), false);
			}
			finally {
				load.paymentOutage(false);
			}
			outageUnfinished = load.awaitBacklog(options.drainLimit());
			notes.add(("Payment outage step: the provider refused every charge for %.0f s (%d orders accepted); %d "
					+ "orders of the run were still unfinished up to %d s after it came back.")
				.formatted(outage.seconds(), outage.accepted(), outageUnfinished, options.drainLimit().toSeconds()));
		}

		Double hopP50 = kafka.hop().p50Ms();
		Double floor = hopP50 == null || provider.p50Ms() == null ? null : round(4 * hopP50 + provider.p50Ms());
		notes.add("Latencies count from each order's intended send time (open-loop arrivals). COMPLETED is the "
				+ "order.completed.v1 event's ce_time, read from order-events by a plain consumer.");
		notes.add("Numbers are noisy: the machine may be shared, and the load generator, MongoDB and GreenMail run "
				+ "in one JVM next to the services.");
		return new LoadReport(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), mode, target.description(),
				Runtime.getRuntime().availableProcessors(), target.serviceJvmOptions(),
				ManagementFactory.getRuntimeMXBean().getInputArguments(),
				target.greenMail().isPresent() ? "devstack defaults (fast start: C1 only, SerialGC, 512m)"
						: "(as the running stack was started)",
				round(maxSustained), measured.completion().p50Ms(), measured.completion().p99Ms(),
				measured.mails().p50Ms(), measured.mails().p99Ms(), measured.post().p50Ms(), measured.post().p99Ms(),
				outage == null ? null : outage.post().p99Ms(), hopP50, kafka.hop().p99Ms(),
				round(kafka.producerRecordsPerSec()), round(kafka.producerMiBPerSec()), provider.p50Ms(), idle.p50Ms(),
				floor, ratio(idle.p50Ms(), floor), ratio(measured.completion().p50Ms(), hopP50),
				ratio(maxSustained, kafka.producerRecordsPerSec()), stored, preloadSeconds,
				options.completionP99Target().toMillis(), "order.completed.v1 ce_time (order-events)", mail.source(),
				measured, steps, outage, outageUnfinished, tracingSampling().orElse("default"), cpuPerSaga,
				idleRun.steps(), notes);
	}

	/** The lowest rate the search steps down to when its start rate is not sustained. */
	private static final double MIN_SEARCH_RATE = 0.5;

	/**
	 * Steps the rate up by {@link LoadOptions#searchFactor()} until a step is not
	 * sustained (or, when the start rate is not sustained, down until one is), then tries
	 * once halfway between the last good and the first bad rate.
	 */

	private static double search(LoadOptions options, SagaLoad load, List<SagaLoad.Step> steps, List<String> notes) {
		long deadline = System.nanoTime() + options.searchLimit().toNanos();
		double best = 0;
		Double failed = null;
		double rate = options.searchStart();
		while (rate <= options.maxRate() && System.nanoTime() < deadline) {
			SagaLoad.Step step = load.step("search", rate, options.stepDuration(), true);
			steps.add(step);
			if (!step.sustained()) {
				failed = rate;
				break;
			}
			best = rate;
			rate = Math.round(rate * options.searchFactor() * 10) / 10.0;
		}
		// the start was already too much: step down until a rate is sustained
		while (best == 0 && failed != null && failed > MIN_SEARCH_RATE && System.nanoTime() < deadline) {
			load.awaitBacklog(options.drainLimit());
			rate = Math.max(MIN_SEARCH_RATE, Math.round(failed / options.searchFactor() * 10) / 10.0);
			SagaLoad.Step step = load.step("search", rate, options.stepDuration(), true);
			steps.add(step);
			if (step.sustained()) {
				best = rate;
			}
			else {
				failed = rate;
			}
		}
		if (failed != null && best > 0 && System.nanoTime() < deadline) {
			load.awaitBacklog(options.drainLimit());
			double middle = Math.round((best + failed) / 2 * 10) / 10.0;
			SagaLoad.Step step = load.step("search", middle, options.stepDuration(), true);
			steps.add(step);
			if (step.sustained()) {
				best = middle;
			}
		}
		if (System.nanoTime() >= deadline) {
			notes.add("The search stopped at its time limit of " + options.searchLimit().toSeconds() + " s.");
		}
		if (best == 0) {
			notes.add("No search step down to " + MIN_SEARCH_RATE
					+ " orders/s was sustained; the measured step runs at half the start rate.");
		}
		return best;
	}

	private static Double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	private static Double ratio(Double numerator, Double denominator) {
		return numerator == null || denominator == null || denominator == 0 ? null
				: Math.round(numerator / denominator * 10_000) / 10_000.0;
	}

}
