package dev.ordersaga.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import com.icegreen.greenmail.util.GreenMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end-to-end test harness: one {@link EmbeddedStack} per test JVM (real KRaft broker
 * and every service as child JVMs, MongoDB in memory, GreenMail), on free ports, started
 * by the first {@link #shared()} call and closed by a JVM shutdown hook. Starting it is
 * the expensive part (tens of seconds), so every end-to-end test class uses the same
 * instance:
 *
 * <pre>{@code
 * private static final SagaStack stack = SagaStack.shared();
 *
 * &#64;BeforeEach
 * void everythingRuns() {
 *     SagaStack.shared();      // restarts whatever an earlier test left stopped or reconfigured
 * }
 * }</pre>
 *
 * Child process logs go to {@code target/devstack-logs/<service>.log} (and
 * {@code kafka.log}); a service that does not become ready fails with the end of its log
 * in the exception message.
 */
public final class SagaStack {

	private static final Logger log = LoggerFactory.getLogger(SagaStack.class);

	private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(45);

	private static SagaStack shared;

	private static RuntimeException startFailure;

	private final EmbeddedStack stack;

	/**
	 * One-off properties a service currently runs with (from
	 * {@link #restartService(String, Map)}).
	 */
	private final Map<SagaService, Map<String, String>> oneOffProperties = new ConcurrentHashMap<>();

	private SagaStack(EmbeddedStack stack) {
		this.stack = stack;
	}

	/**
	 * The stack of this JVM, started on first use, with everything running: a service or
	 * the broker that an earlier test stopped, killed or restarted with one-off
	 * properties is started (again) with its configured properties before this returns.
	 */
	public static SagaStack shared() {
		return shared(Map.of());
	}

	/**
	 * Like {@link #shared()}, and first merges {@code overrides} (service id → property →
	 * value) into the configured properties of the services, key by key. Before the first
	 * start they simply apply; later, every running service whose configured properties
	 * change is restarted with them. Overrides stay for all later users of the stack, so
	 * keep the end-to-end tests' overrides in one place (e.g. a constant shared by all
	 * classes) unless a test really needs its own.
	 */
	public static synchronized SagaStack shared(Map<String, Map<String, String>> overrides) {
		if (startFailure != null) {
			// one failed start is enough: every later test fails at once with the same
			// cause
			throw new IllegalStateException(
					"The saga stack failed to start earlier in this JVM: " + startFailure.getMessage(), startFailure);
		}
		if (shared == null) {
			try {
				shared = start(overrides);
			}
			catch (RuntimeException e) {
				startFailure = e;
				throw e;
			}
		}
		else {
			shared.reconcile(overrides);
		}
		return shared;
	}

	/**
	 * A stack of its own, not the shared one, e.g. with the secured broker
	 * ({@code builder -> builder.kafkaSecured(true)}); the caller closes it with
	 * {@link #close()}. Never run it next to the shared stack in one JVM: a test class
	 * that needs one runs in a surefire execution of its own.
	 */
	public static SagaStack startOwn(UnaryOperator<EmbeddedStack.Builder> customizer) {
		return start(Map.of(), customizer);
	}

	/** Stops every service, the broker, SMTP and MongoDB of a stack of its own. */
	public void close() {
		stack.close();
	}

	private static SagaStack start(Map<String, Map<String, String>> overrides) {
		return start(overrides, UnaryOperator.identity());
	}

	private static SagaStack start(Map<String, Map<String, String>> overrides,
			UnaryOperator<EmbeddedStack.Builder> customizer) {
		long started = System.nanoTime();
		EmbeddedStack.Builder builder = EmbeddedStack.builder()
			.servicesDirectory(Path.of(System.getProperty("devstack.services-dir", "target/services")))
			.temporaryKafkaDirectory()
			.logs(LogSink.files(Path.of(System.getProperty("devstack.logs-dir", "target/devstack-logs"))))
			.serviceStopGrace(SERVICE_STOP_GRACE)
			// -Ddevstack.ready-timeout=PT8M on a machine under heavy load
			.readyTimeout(Duration.parse(System.getProperty("devstack.ready-timeout", "PT3M")))
			// spans of every test saga go to a Zipkin server, and the services' logs are
			// JSON lines
			// (logstash), as in a cluster: the tracing and log tests read both
			.traceServer(true)
			.structuredLogs("logstash");
		overrides.forEach((id, properties) -> builder.serviceProperties(SagaService.byId(id), properties));
		EmbeddedStack stack = customizer.apply(builder).build();
		try {
			stack.startInfrastructure().startServices();
		}
		catch (RuntimeException e) {
			stack.close();
			throw e;
		}
		log.info("SagaStack started in {} ms: Kafka {}, MongoDB {}, services {}",
				(System.nanoTime() - started) / 1_000_000, stack.kafka().bootstrapServers(), stack.mongo().uri(""),
				stack.services());
		return new SagaStack(stack);
	}

	private synchronized void reconcile(Map<String, Map<String, String>> overrides) {
		List<SagaService> toRestart = new ArrayList<>();
		overrides.forEach((id, properties) -> {
			SagaService service = SagaService.byId(id);
			Map<String, String> merged = new HashMap<>(stack.configuredProperties(service));
			merged.putAll(properties);
			if (!merged.equals(stack.configuredProperties(service))) {
				stack.configure(service, merged);
				toRestart.add(service);
			}
		});
		if (!stack.kafka().isRunning()) {
			log.info("Starting the Kafka broker an earlier test left stopped");
			stack.kafka().start();
		}
		for (SagaService service : stack.services()) {
			if (stack.isRunning(service) && (toRestart.contains(service) || oneOffProperties.containsKey(service))) {
				log.info("Restarting {} with its configured properties", service.id());
				stack.stopService(service);
			}
			oneOffProperties.remove(service);
		}
		// whatever is not running now (stopped here or by an earlier test) starts in
		// parallel
		stack.startServices();
	}

	/**
	 * Tokens of the stack's issuer (the auth-server JVM), fetched as the devstack banner
	 * says: client credentials for the operator and the storefront, {@code /dev/tokens}
	 * for customers.
	 */
	public DevTokens tokens() {
		return DevTokens.current().orElseGet(stack::tokens);
	}

	/** Base URL of a service, e.g. {@code http://localhost:34567}. */
	public String url(String service) {
		return stack.url(SagaService.byId(service));
	}

	/**
	 * Where a service's actuator answers (its management port), e.g.
	 * {@code http://localhost:34570}.
	 */
	public String managementUrl(String service) {
		return stack.managementUrl(SagaService.byId(service));
	}

	public int port(String service) {
		return stack.port(SagaService.byId(service));
	}

	/**
	 * {@code bootstrap.servers} of the broker, e.g. {@code 127.0.0.1:34568}; the same
	 * across {@link #stopKafka()}.
	 */
	public TraceServer zipkin() {
		return stack.traceServer().orElseThrow();
	}

	public String kafkaBootstrap() {
		return stack.kafka().bootstrapServers();
	}

	/**
	 * E.g. {@code mongodb://localhost:34569/order-fn}; each service uses the database
	 * named after it.
	 */
	public String mongoUri(String database) {
		return stack.mongo().uri(database);
	}

	/**
	 * The SMTP server every service sends to; {@code mail().waitForIncomingEmail(...)}
	 * reads what it received.
	 */
	public GreenMail mail() {
		return stack.greenMail();
	}

	/**
	 * Stops a service gracefully (SIGTERM); the rest keeps running. No-op if it is not
	 * running.
	 */
	public synchronized void stopService(String name) {
		stack.stopService(SagaService.byId(name));
	}

	/** Kills a service (SIGKILL): no graceful shutdown, like a crash. */
	public synchronized void killService(String name) {
		stack.killService(SagaService.byId(name));
	}

	/**
	 * Starts a stopped service with its configured properties and blocks until it is
	 * ready; no-op if it runs.
	 */
	public synchronized void startService(String name) {
		SagaService service = SagaService.byId(name);
		if (!stack.isRunning(service)) {
			oneOffProperties.remove(service);
			stack.startService(service, Map.of());
		}
	}

	/**
	 * Stops a service gracefully and starts it again with its configured properties;
	 * blocks until it is ready.
	 */
	public void restartService(String name) {
		restartService(name, Map.of());
	}

	/**
	 * Stops a service gracefully and starts it again with its configured properties plus
	 * {@code extraProperties} (e.g. short timeouts), which apply to this run only: the
	 * next {@link #startService}, {@link #restartService} without them or
	 * {@link #shared()} brings the configured properties back. Blocks until it is ready.
	 */
	public synchronized void restartService(String name, Map<String, String> extraProperties) {
		SagaService service = SagaService.byId(name);
		stack.stopService(service);
		stack.startService(service, extraProperties);
		if (extraProperties.isEmpty()) {
			oneOffProperties.remove(service);
		}
		else {
			oneOffProperties.put(service, Map.copyOf(extraProperties));
		}
	}

	public boolean isRunning(String name) {
		return stack.isRunning(SagaService.byId(name));
	}

	/**
	 * Stops the broker gracefully; services keep running and retry. Same port and data on
	 * {@link #startKafka()}.
	 */
	/** Takes the SMTP server down, like an outage of the mail relay. */
	public synchronized void stopMail() {
		stack.mail().stop();
	}

	/** Brings the SMTP server back on the same port, with empty mailboxes. */
	public synchronized void startMail() {
		stack.mail().restart();
	}

	public synchronized void stopKafka() {
		stack.kafka().stop();
	}

	/**
	 * Kills the broker (SIGKILL), like a crash; {@link #startKafka()} recovers its data.
	 */
	public synchronized void killKafka() {
		stack.kafka().kill();
	}

	/**
	 * Starts the broker again on the same port with the same data; blocks until it
	 * answers. No-op if it runs.
	 */
	public synchronized void startKafka() {
		stack.kafka().start();
	}

	public boolean isKafkaRunning() {
		return stack.kafka().isRunning();
	}

	/**
	 * Properties a service runs with when started by this stack (connection properties
	 * and configured ones).
	 */
	public Map<String, String> properties(String service) {
		return new LinkedHashMap<>(stack.properties(SagaService.byId(service), Map.of()));
	}

	/** The log file of a service ({@code order-fn}) or of the broker ({@code kafka}). */
	public Path logFile(String source) {
		return stack.logFile(source).orElseThrow();
	}

	/** The underlying stack, for what this class does not offer. */
	public EmbeddedStack stack() {
		return stack;
	}

}
