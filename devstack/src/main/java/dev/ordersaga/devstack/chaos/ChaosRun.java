package dev.ordersaga.devstack.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.devstack.EmbeddedStack;
import dev.ordersaga.devstack.LogSink;
import dev.ordersaga.devstack.Ports;
import dev.ordersaga.devstack.SagaService;

/**
 * The fault suite: starts its own stack (free ports, temporary Kafka data, MongoDB in
 * memory), registers customers, sends an open-loop load of orders while a seeded schedule
 * of faults runs, heals everything, waits for quiescence and runs the
 * {@link InvariantChecker}. Prints the report as a table, writes
 * {@code <report-dir>/report.json} and exits non-zero if an invariant is broken.
 * <p>
 * {@code ./mvnw -pl devstack -am -DskipTests -Pchaos package} with
 * {@code -Dchaos.orders=10000}, {@code -Dchaos.seed=…}, {@code -Dchaos.faults=kill,smtp}
 * (default: every class of {@link Faults#CLASSES}), {@code -Dchaos.rate=10} (orders per
 * second), {@code -Dchaos.quiescence=5m} and {@code -Dchaos.ready-timeout=6m} (how long a
 * service may take to start on a busy machine).
 */
public final class ChaosRun {

	private static final Logger log = LoggerFactory.getLogger(ChaosRun.class);

	/** Bound on the faults still running once the load has ended. */
	private static final Duration FAULTS_LIMIT = Duration.ofMinutes(5);

	/**
	 * Timings shortened like the end-to-end tests' so that outages, deadlines and retry
	 * budgets play out within a run; the mail retry budget outlasts every SMTP outage of
	 * the schedule, and audit-fn's deadline is order-fn's. audit-fn's grace (how late a
	 * consequence may follow its cause) covers the longest outage of the schedule,
	 * MongoDB away for up to 60 s plus a service's restart on a busy machine: a deadline
	 * sweep that runs late because order-fn was down is the fault's doing, not a broken
	 * rule.
	 */
	static final Map<SagaService, Map<String, String>> SERVICE_PROPERTIES = Map.of(SagaService.ORDER_FN,
			Map.of("saga.order.deadline", "2m", "saga.order.deadline-check-interval", "1s"), SagaService.AUDIT_FN,
			Map.of("saga.audit.deadline", "2m", "saga.audit.grace", "3m"), SagaService.PAYMENT_FN,
			Map.of("resilience4j.circuitbreaker.instances.paymentProvider.wait-duration-in-open-state", "2s"),
			SagaService.EMAIL_FN, Map.of("saga.email.retry.budget", "10m", "saga.email.retry.initial-backoff", "1s",
					"saga.email.retry.max-backoff", "5s", "saga.email.contact-wait", "2m"));

	/**
	 * What to run.
	 *
	 * @param faults fault classes (names of {@link Faults#CLASSES})
	 * @param ordersPerSecond arrival rate of the open-loop load
	 * @param quiescence how long the system may take to come to rest after the load
	 */
	public record Settings(int orders, long seed, Set<String> faults, double ordersPerSecond, Duration quiescence,
			Path servicesDirectory, Path logsDirectory, Path reportDirectory) {

		/** From system properties ({@code chaos.*}, {@code devstack.services-dir}). */
		public static Settings fromSystemProperties() {
			String faults = System.getProperty("chaos.faults", "");
			String seed = System.getProperty("chaos.seed", "");
			return new Settings(Integer.parseInt(System.getProperty("chaos.orders", "10000")),
					seed.isBlank() ? System.nanoTime() : Long.parseLong(seed.trim()),
					faults.isBlank() ? Faults.CLASSES
							: Arrays.stream(faults.split(","))
								.map(String::trim)
								.filter(name -> !name.isEmpty())
								.collect(Collectors.toCollection(TreeSet::new)),
					Double.parseDouble(System.getProperty("chaos.rate", "10")),
					Duration.parse("PT" + System.getProperty("chaos.quiescence", "5m").toUpperCase()),
					Path.of(System.getProperty("devstack.services-dir", "devstack/target/services")),
					Path.of(System.getProperty("chaos.logs-dir", "devstack/target/chaos/logs")),
					Path.of(System.getProperty("chaos.report-dir", "devstack/target/chaos")));
		}

	}

	private ChaosRun() {
	}

	public static void main(String[] args) {
		ChaosReport report = run(Settings.fromSystemProperties());
		// the exit status is the verdict of a manual run (and fails its Maven build)
		System.exit(report.passed() ? 0 : 1);
	}

	/** Runs the whole suite and returns the checker's report (also written to disk). */
	public static ChaosReport run(Settings settings) {
		Set<String> unknown = new TreeSet<>(settings.faults());
		unknown.removeAll(Faults.CLASSES);
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("Unknown fault classes " + unknown + ", known: " + Faults.CLASSES);
		}
		log.info("Chaos run: {} orders at {}/s, seed {}, faults {}", settings.orders(), settings.ordersPerSecond(),
				settings.seed(), settings.faults());
		EmbeddedStack.Builder builder = EmbeddedStack.builder()
			.servicesDirectory(settings.servicesDirectory().toAbsolutePath())
			.temporaryKafkaDirectory()
			.logs(LogSink.files(settings.logsDirectory().toAbsolutePath()))
			.serviceStopGrace(Duration.ofSeconds(20))
			.readyTimeout(Duration.parse("PT" + System.getProperty("chaos.ready-timeout", "6m").toUpperCase()));
		SERVICE_PROPERTIES.forEach(builder::serviceProperties);
		try (EmbeddedStack stack = builder.build()) {
			stack.startInfrastructure().startServices();
			return run(settings, stack);
		}
	}

	private static ChaosReport run(Settings settings, EmbeddedStack stack) {
		long started = System.nanoTime();
		Random random = new Random(settings.seed());
		Map<SagaService, String> urls = new EnumMap<>(SagaService.class);
		for (SagaService service : SagaService.values()) {
			urls.put(service, stack.url(service));
		}
		LoadGenerator load = new LoadGenerator(urls, new Random(random.nextLong()));
		load.registerCustomers(Math.max(10, settings.orders() / 20));
		ChaosTarget target = new ChaosTarget(stack, load);
		Duration window = Duration.ofMillis((long) (settings.orders() * 1000 / settings.ordersPerSecond()));
		List<Faults.Scheduled> schedule = Faults.schedule(settings.faults(), window, random);
		log.info("Fault schedule over {} s: {}", window.toSeconds(),
				schedule.stream()
					.map(entry -> entry.at().toSeconds() + "s " + entry.fault())
					.collect(Collectors.joining("; ")));
		Map<String, Integer> injected = new ConcurrentHashMap<>();
		List<Thread> faults = startFaults(schedule, target, injected);
		load.run(settings.orders(), settings.ordersPerSecond());
		awaitFaults(faults);
		healEverything(target);

		InvariantChecker checker = new InvariantChecker(
				new InvariantChecker.Endpoints(urls.get(SagaService.ORDER_FN), urls.get(SagaService.CUSTOMER_FN),
						urls.get(SagaService.AUDIT_FN), urls.get(SagaService.PAYMENT_SANDBOX),
						stack.kafka().bootstrapServers(), () -> stack.mail().receivedMessages()));
		boolean quiescent = checker.awaitQuiescence(load.accepted(), settings.quiescence());
		Map<String, Long> loadStats = new TreeMap<>(Map.of("customerCancels", load.customerCancels(),
				"duplicateRequests", load.duplicateRequests(), ChaosReport.DUPLICATE_ORDERS, load.idempotencyBroken()));
		load.notPlaced().forEach((reason, count) -> loadStats.put("notPlaced." + reason, count));
		ChaosReport report = checker.check(
				new InvariantChecker.Run(settings.seed(), Duration.ofNanos(System.nanoTime() - started),
						load.accepted(), load.creditLimits(), target.poison(), Map.copyOf(injected), loadStats),
				quiescent);
		Path json = settings.reportDirectory().resolve("report.json");
		report.write(json);
		log.info("Chaos run {} (seed {}), report in {}:\n{}", report.passed() ? "PASSED" : "FAILED", settings.seed(),
				json.toAbsolutePath(), report.toMarkdown());
		return report;
	}

	/**
	 * One thread per injection: waits for its time, takes the locks of its components (in
	 * name order, so two faults never wait for each other crosswise), injects, holds,
	 * heals.
	 */
	private static List<Thread> startFaults(List<Faults.Scheduled> schedule, ChaosTarget target,
			Map<String, Integer> injected) {
		Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
		long start = System.nanoTime();
		List<Thread> threads = new ArrayList<>();
		for (Faults.Scheduled entry : schedule) {
			Fault fault = entry.fault();
			threads.add(Thread.ofPlatform().daemon().name("chaos-" + fault.name()).start(() -> {
				LockSupport.parkNanos(start + entry.at().toNanos() - System.nanoTime());
				List<ReentrantLock> held = new TreeSet<>(fault.components()).stream()
					.map(component -> locks.computeIfAbsent(component, name -> new ReentrantLock()))
					.toList();
				held.forEach(ReentrantLock::lock);
				try {
					log.info("Injecting {}", fault);
					fault.inject(target);
					injected.merge(fault.name(), 1, Integer::sum);
					LockSupport.parkNanos(fault.duration().toNanos());
				}
				catch (RuntimeException ex) {
					log.warn("Injecting {} failed: {}", fault, ex.toString());
				}
				finally {
					heal(fault, target);
					held.reversed().forEach(ReentrantLock::unlock);
				}
			}));
		}
		return threads;
	}

	private static void heal(Fault fault, ChaosTarget target) {
		try {
			fault.heal(target);
			log.info("Healed {}", fault);
		}
		catch (RuntimeException ex) {
			log.warn("Healing {} failed (healed again at the end): {}", fault, ex.toString());
		}
	}

	private static void awaitFaults(List<Thread> faults) {
		long deadline = System.nanoTime() + FAULTS_LIMIT.toNanos();
		for (Thread fault : faults) {
			try {
				long left = deadline - System.nanoTime();
				if (left <= 0 || !fault.join(Duration.ofNanos(left))) {
					log.warn("Fault {} still running after {}", fault.getName(), FAULTS_LIMIT);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/** Whatever a failed heal left broken: provider, MongoDB, SMTP, broker, services. */
	private static void healEverything(ChaosTarget target) {
		EmbeddedStack stack = target.stack();
		target.providerOutage(null);
		target.providerLatency(Duration.ZERO);
		if (!Ports.isListening(stack.mongo().port())) {
			target.mongoUp();
		}
		if (!stack.mail().isRunning()) {
			target.smtpUp();
		}
		if (!stack.kafka().isRunning()) {
			target.startBroker();
		}
		Faults.SERVICES.forEach(service -> target.start(service, Map.of()));
		log.info("Everything healed after the load");
	}

}
