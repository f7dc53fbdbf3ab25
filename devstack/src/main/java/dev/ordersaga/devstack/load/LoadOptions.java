package dev.ordersaga.devstack.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a load run does; every figure bounds a loop in count or time.
 *
 * @param rate orders per second; empty searches for the maximum sustained rate
 * @param duration how long the measured step offers load
 * @param customers customers the orders are spread over
 * @param storedOrders finished orders placed before measuring (data growth)
 * @param paymentOutage also run the measured rate once with the payment provider down
 * @param target services of a running stack ({@code local} or
 * {@code order-fn=http://…,kafka=host:port,…}); empty starts a stack
 * @param completionP99Target a step is sustained only while PENDING → COMPLETED p99 stays
 * under this
 * @param searchStart first rate of the search
 * @param searchFactor each next search step offers this many times the previous rate
 * @param maxRate the search stops here
 * @param stepDuration how long each search step offers load
 * @param searchLimit the search starts no step after this much time
 * @param drainLimit how long a step may wait for its orders to finish
 * @param mailWait how long a step waits for the mails after its last completion
 * @param maxInFlight POSTs in flight at most; beyond it sending waits (and the wait
 * counts as latency)
 * @param preloadClients concurrent clients that preload {@code storedOrders}
 * @param preloadLimit how long preloading may take
 * @param idleSamples single, spaced-out orders measured on the idle stack
 * @param warmUpOrders orders placed (at a slow rate) before anything is measured
 * @param hopSamples raw Kafka round trips measured
 * @param throughputRecords 1 KiB records the producer throughput baseline sends
 * @param providerSamples direct calls to the provider's charge API measured
 * @param reportDirectory where {@code report.json} goes
 * @param logsDirectory where the logs of a started stack go
 * @param servicesDirectory where the service jars of a started stack are
 */
public record LoadOptions(Optional<Double> rate, Duration duration, int customers, int storedOrders,
		boolean paymentOutage, Optional<String> target, Duration completionP99Target, double searchStart,
		double searchFactor, double maxRate, Duration stepDuration, Duration searchLimit, Duration drainLimit,
		Duration mailWait, int maxInFlight, int preloadClients, Duration preloadLimit, int idleSamples,
		int warmUpOrders, int hopSamples, int throughputRecords, int providerSamples, Path reportDirectory,
		Path logsDirectory, Path servicesDirectory) {

	/** Reads {@code load.*} system properties; a blank one counts as absent. */
	public static LoadOptions fromSystemProperties() {
		return new LoadOptions(value("load.rate").map(Double::parseDouble), seconds("load.duration", 30),
				integer("load.customers", 16), integer("load.stored-orders", 0),
				value("load.payment-outage").map(Boolean::parseBoolean).orElse(false), value("load.target"),
				Duration.ofMillis(integer("load.p99-target-ms", 1000)), decimal("load.search-start", 10),
				decimal("load.search-factor", 1.5), decimal("load.max-rate", 1000), seconds("load.step-duration", 15),
				seconds("load.search-limit", 600), seconds("load.drain-limit", 120), seconds("load.mail-wait", 10),
				integer("load.max-in-flight", 512), integer("load.preload-clients", 32),
				seconds("load.preload-limit", 3600), integer("load.idle-samples", 20),
				integer("load.warm-up-orders", 200), integer("load.hop-samples", 1000),
				integer("load.throughput-records", 50_000), integer("load.provider-samples", 200),
				Path.of(value("load.report-dir").orElse("devstack/target/load")),
				Path.of(value("load.logs-dir").orElse("devstack/target/load/logs")),
				Path.of(value("devstack.services-dir").orElse("devstack/target/services")));
	}

	/** A tiny run for the smoke test: fixed rate, small baselines, no search. */
	public static LoadOptions smoke(double rate, Duration duration, Path reportDirectory) {
		return new LoadOptions(Optional.of(rate), duration, 2, 0, false, Optional.empty(), Duration.ofSeconds(1), rate,
				1.5, rate, duration, Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(10), 64, 4,
				Duration.ofMinutes(1), 3, 5, 100, 2_000, 20, reportDirectory, reportDirectory.resolve("logs"),
				reportDirectory);
	}

	private static Optional<String> value(String property) {
		return Optional.ofNullable(System.getProperty(property)).map(String::strip).filter(v -> !v.isEmpty());
	}

	private static int integer(String property, int defaultValue) {
		return value(property).map(Integer::parseInt).orElse(defaultValue);
	}

	private static double decimal(String property, double defaultValue) {
		return value(property).map(Double::parseDouble).orElse(defaultValue);
	}

	private static Duration seconds(String property, long defaultSeconds) {
		return Duration.ofMillis(Math.round(1000 * decimal(property, defaultSeconds)));
	}

}
