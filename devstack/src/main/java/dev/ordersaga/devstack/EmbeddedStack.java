package dev.ordersaga.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine: MongoDB and SMTP in this JVM, the Kafka broker and
 * every service as child JVMs. Used by the launcher ({@link DevStack}) with fixed ports
 * and kept data, and by the end-to-end test harness with free ports and throw-away data.
 * Not thread-safe for concurrent lifecycle calls on the same service.
 */
public final class EmbeddedStack implements AutoCloseable {

	public static final String KAFKA_CONTROLLER = "kafka-controller";

	/** The secured broker's client-certificate (mTLS) listener. */
	public static final String KAFKA_MTLS = "kafka-mtls";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

	private final Builder config;

	private final Map<SagaService, ServiceProcess> services = new EnumMap<>(SagaService.class);

	private final Map<SagaService, Map<String, String>> configuredProperties = new ConcurrentHashMap<>();

	private final Thread shutdownHook = new Thread(this::close, "devstack-shutdown");

	private EmbeddedMongo mongo;

	private MailServer mail;

	private MailboxPage mailboxPage;

	private KafkaBroker kafka;

	private TraceServer traceServer;

	private volatile boolean closed;

	private EmbeddedStack(Builder config) {
		this.config = config;
		config.serviceProperties
			.forEach((service, properties) -> configuredProperties.put(service, Map.copyOf(properties)));
		if (config.closeOnShutdown) {
			Runtime.getRuntime().addShutdownHook(shutdownHook);
		}
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts MongoDB, SMTP (and the mailbox page if asked for) and the Kafka broker;
	 * blocks until all answer.
	 */
	public EmbeddedStack startInfrastructure() {
		mongo = config.mongoFile == null ? EmbeddedMongo.inMemory(config.port(EmbeddedMongo.NAME))
				: EmbeddedMongo.fileBacked(config.mongoFile, config.port(EmbeddedMongo.NAME));
		mail = new MailServer(config.port(MailServer.SMTP), config.port(MailServer.IMAP));
		if (config.mailboxPage) {
			mailboxPage = new MailboxPage(mail::greenMail, config.port(MailboxPage.NAME));
		}
		KafkaSecurity security = config.kafkaSecured
				? KafkaSecurity.scramTls(config.kafkaDirectory, config.fixedPort(KAFKA_MTLS)) : null;
		if (config.traceServer) {
			// started first and awaited last: it boots while the broker does
			traceServer = new TraceServer(config.servicesDirectory.resolve(TraceServer.JAR),
					config.fixedPort(TraceServer.NAME), config.logs);
			traceServer.start();
		}
		kafka = new KafkaBroker(config.kafkaDirectory, config.fixedPort(KafkaBroker.NAME),
				config.fixedPort(KAFKA_CONTROLLER), config.logs, Duration.ofSeconds(30), security);
		kafka.start();
		if (traceServer != null) {
			traceServer.awaitReady(config.readyTimeout);
		}
		return this;
	}

	/**
	 * Starts every service of the builder's list in parallel and blocks until all are
	 * ready.
	 */
	public EmbeddedStack startServices() {
		long started = System.nanoTime();
		if (config.services.contains(SagaService.AUTH_SERVER)) {
			// the issuer first: services fetch its keys on the first request they check
			ServiceProcess issuer = services.computeIfAbsent(SagaService.AUTH_SERVER, this::newProcess);
			if (!issuer.isRunning()) {
				issuer.start(properties(SagaService.AUTH_SERVER, Map.of()));
				issuer.awaitReady(config.readyTimeout);
			}
			DevTokens.register(tokens());
		}
		List<ServiceProcess> starting = new ArrayList<>();
		for (SagaService service : config.services) {
			ServiceProcess process = services.computeIfAbsent(service, this::newProcess);
			if (!process.isRunning()) {
				process.start(properties(service, Map.of()));
				starting.add(process);
			}
		}
		// the JVMs start concurrently, so waiting for them one after the other takes as
		// long as the slowest
		starting.forEach(process -> process.awaitReady(config.readyTimeout));
		if (starting.isEmpty()) {
			return this;
		}
		log.info("{} service(s) ready in {} ms", starting.size(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		return this;
	}

	/**
	 * Starts one service with its configured properties plus {@code extraProperties} (for
	 * this run only) and blocks until it is ready.
	 */
	public void startService(SagaService service, Map<String, String> extraProperties) {
		ServiceProcess process = services.computeIfAbsent(service, this::newProcess);
		process.start(properties(service, extraProperties));
		process.awaitReady(config.readyTimeout);
	}

	/** Stops one service gracefully; the rest keeps running. */
	public void stopService(SagaService service) {
		Optional.ofNullable(services.get(service)).ifPresent(process -> process.stop(config.serviceStopGrace));
	}

	/** Kills one service (SIGKILL), like a crash. */
	public void killService(SagaService service) {
		Optional.ofNullable(services.get(service)).ifPresent(ServiceProcess::kill);
	}

	public boolean isRunning(SagaService service) {
		ServiceProcess process = services.get(service);
		return process != null && process.isRunning();
	}

	/**
	 * Replaces the configured extra properties of {@code service}; they apply from its
	 * next start.
	 */
	public void configure(SagaService service, Map<String, String> properties) {
		configuredProperties.put(service, Map.copyOf(properties));
	}

	/**
	 * The properties {@code service} is configured with (not including the stack's
	 * connection properties).
	 */
	public Map<String, String> configuredProperties(SagaService service) {
		return configuredProperties.getOrDefault(service, Map.of());
	}

	/**
	 * Everything a service gets on its command line: the connection properties of this
	 * stack, then the configured properties, then {@code extraProperties}; later entries
	 * win.
	 */
	public Map<String, String> properties(SagaService service, Map<String, String> extraProperties) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("server.port", String.valueOf(port(service)));
		if (service == SagaService.AUTH_SERVER) {
			properties.put("spring.security.oauth2.authorizationserver.issuer", issuerUrl());
			properties.put(
					"spring.security.oauth2.authorizationserver.client.audit-dashboard.registration.redirect-uris",
					"http://127.0.0.1:" + port(SagaService.AUDIT_FN) + "/login/oauth2/code/dashboard");
			properties.put(
					"spring.security.oauth2.authorizationserver.client.audit-dashboard.registration.post-logout-redirect-uris",
					"http://127.0.0.1:" + port(SagaService.AUDIT_FN) + "/");
			properties.putAll(configuredProperties(service));
			properties.putAll(extraProperties);
			return properties;
		}
		properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuerUrl());
		if (service.hasManagementPort()) {
			properties.put("management.server.port", String.valueOf(managementPort(service)));
		}
		if (service == SagaService.AUDIT_FN) {
			properties.put("saga.audit.login-issuer", "http://127.0.0.1:" + port(SagaService.AUTH_SERVER));
		}
		properties.put("spring.cloud.stream.kafka.binder.brokers", kafka.bootstrapServers());
		// secured broker: the service's own SCRAM login and the CA, from a file (no
		// password on the command line)
		kafka.security()
			.flatMap(security -> security.springProperties(service))
			.ifPresent(file -> properties.put("spring.config.import", "file:" + file));
		properties.put("spring.mongodb.uri", mongo.uri(service.id()));
		properties.put("spring.mail.host", "localhost");
		properties.put("spring.mail.port", String.valueOf(mail.smtpPort()));
		if (service == SagaService.PAYMENT_FN) {
			properties.put("saga.payment.provider.base-url", url(SagaService.PAYMENT_SANDBOX));
		}
		properties.putAll(observabilityProperties(service));
		properties.putAll(configuredProperties(service));
		properties.putAll(extraProperties);
		return properties;
	}

	/**
	 * Span export to the trace server (when the stack runs one), the dashboard's trace
	 * links, and the structured log format (when one is chosen).
	 */
	private Map<String, String> observabilityProperties(SagaService service) {
		Map<String, String> properties = new LinkedHashMap<>();
		if (config.traceServer && service != SagaService.PAYMENT_SANDBOX) {
			String zipkin = "http://localhost:" + config.fixedPort(TraceServer.NAME);
			properties.put("management.tracing.export.zipkin.enabled", "true");
			// locally every saga's trace can be opened (production samples one in ten,
			// saga-defaults.yml)
			properties.putIfAbsent("management.tracing.sampling.probability", "1.0");
			properties.put("management.tracing.export.zipkin.endpoint", zipkin + "/api/v2/spans");
			if (service == SagaService.AUDIT_FN) {
				properties.put("saga.audit.dashboard.trace-url", zipkin + "/zipkin/traces/{traceId}");
			}
		}
		if (config.structuredLogs != null) {
			properties.put("logging.structured.format.console", config.structuredLogs);
		}
		return properties;
	}

	public int port(SagaService service) {
		return config.fixedPort(service.id());
	}

	/** Where the service's actuator answers: its management port, or its API port. */
	public int managementPort(SagaService service) {
		return service.hasManagementPort() ? config.fixedPort(service.managementComponent()) : port(service);
	}

	/**
	 * E.g. {@code http://localhost:9081}: health, Prometheus and the other actuator
	 * endpoints.
	 */
	public String managementUrl(SagaService service) {
		return "http://localhost:" + managementPort(service);
	}

	/**
	 * The dev issuer's URI, the {@code iss} of its tokens, e.g.
	 * {@code http://localhost:9000}.
	 */
	public String issuerUrl() {
		return url(SagaService.AUTH_SERVER);
	}

	/** Tokens of the stack's issuer (operator, storefront, customers). */
	public DevTokens tokens() {
		return new DevTokens(issuerUrl());
	}

	/** E.g. {@code http://localhost:8081}. */
	public String url(SagaService service) {
		return "http://localhost:" + port(service);
	}

	public List<SagaService> services() {
		return config.services;
	}

	public KafkaBroker kafka() {
		return kafka;
	}

	/**
	 * The process id of every JVM of the stack that runs: each service, the broker, and
	 * this JVM (which hosts MongoDB and SMTP) as {@code devstack}.
	 */
	public Map<String, Long> processIds() {
		Map<String, Long> ids = new LinkedHashMap<>();
		services.forEach((service, process) -> process.pid().ifPresent(pid -> ids.put(service.id(), pid)));
		kafka.pid().ifPresent(pid -> ids.put("kafka", pid));
		ids.put("devstack", ProcessHandle.current().pid());
		return ids;
	}

	/**
	 * The Zipkin server, if the stack runs one ({@link Builder#traceServer(boolean)}).
	 */
	public Optional<TraceServer> traceServer() {
		return Optional.ofNullable(traceServer);
	}

	public EmbeddedMongo mongo() {
		return mongo;
	}

	public MailServer mail() {
		return mail;
	}

	public GreenMail greenMail() {
		return mail.greenMail();
	}

	public Optional<MailboxPage> mailboxPage() {
		return Optional.ofNullable(mailboxPage);
	}

	/** Where the log of a child process goes, if the stack writes logs to files. */
	public Optional<Path> logFile(String source) {
		return config.logs instanceof LogSink.FileLogSink files ? Optional.of(files.file(source)) : Optional.empty();
	}

	/**
	 * Stops the services first (in parallel, gracefully, so they can finish in-flight
	 * messages), then the broker, then SMTP and MongoDB; kills whatever child is left.
	 */
	@Override
	public synchronized void close() {
		if (closed) {
			return;
		}
		closed = true;
		long started = System.nanoTime();
		CompletableFuture
			.allOf(services.values()
				.stream()
				.map(process -> CompletableFuture.runAsync(() -> process.stop(config.serviceStopGrace),
						runnable -> Thread.ofPlatform().daemon().start(runnable)))
				.toArray(CompletableFuture[]::new))
			.join();
		quietly("Zipkin", () -> Optional.ofNullable(traceServer).ifPresent(TraceServer::close));
		quietly("Kafka", () -> Optional.ofNullable(kafka).ifPresent(KafkaBroker::stop));
		quietly("mailbox page", () -> Optional.ofNullable(mailboxPage).ifPresent(MailboxPage::close));
		quietly("SMTP", () -> Optional.ofNullable(mail).ifPresent(MailServer::close));
		quietly("MongoDB", () -> Optional.ofNullable(mongo).ifPresent(EmbeddedMongo::close));
		ChildProcess.killAll();
		if (config.deleteKafkaDirectoryOnClose) {
			deleteRecursively(config.kafkaDirectory);
		}
		log.info("Stack stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		if (config.closeOnShutdown && Thread.currentThread() != shutdownHook) {
			try {
				Runtime.getRuntime().removeShutdownHook(shutdownHook);
			}
			catch (IllegalStateException shutdownInProgress) {
				// the hook runs anyway and finds the stack closed
			}
		}
	}

	private ServiceProcess newProcess(SagaService service) {
		return new ServiceProcess(service, config.servicesDirectory.resolve(service.id() + ".jar"), port(service),
				managementPort(service), config.logs, serviceJvmOptions());
	}

	/** The options every service JVM starts with, before {@code -jar}. */
	public List<String> serviceJvmOptions() {
		return config.serviceJvmTuning == null ? ChildProcess.commonJvmOptions("384m")
				: ChildProcess.jvmOptions(config.serviceJvmTuning);
	}

	private static void quietly(String what, Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException e) {
			log.warn("Stopping {} failed: {}", what, e.toString());
		}
	}

	private static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot delete " + directory, e);
		}
	}

	/** Settings of a stack; ports not given are chosen free at build time. */
	public static final class Builder {

		private Path servicesDirectory = Path.of("target", "services");

		private Path kafkaDirectory;

		private boolean deleteKafkaDirectoryOnClose;

		private Path mongoFile;

		private final Map<String, Integer> ports = new HashMap<>();

		private LogSink logs = LogSink.console();

		private Duration serviceStopGrace = Duration.ofSeconds(45);

		private Duration readyTimeout = Duration.ofMinutes(3);

		private boolean mailboxPage;

		private boolean closeOnShutdown = true;

		private final Map<SagaService, Map<String, String>> serviceProperties = new EnumMap<>(SagaService.class);

		private List<SagaService> services = List.of(SagaService.values());

		private List<String> serviceJvmTuning;

		private boolean kafkaSecured;

		private boolean traceServer;

		private String structuredLogs;

		private Builder() {
		}

		/**
		 * A secured broker (devstack's {@code scram-tls} mode, see
		 * {@link KafkaSecurity}): every service connects with its own SCRAM user over TLS
		 * and is allowed only its topics and consumer group. Give it a data directory of
		 * its own: the {@code admin} user is written when the storage is formatted.
		 */
		public Builder kafkaSecured(boolean secured) {
			this.kafkaSecured = secured;
			return this;
		}

		/**
		 * Also run a Zipkin server (port {@code zipkin}) and have every service export
		 * its spans to it; audit-fn's dashboard links its trace ids there.
		 */
		public Builder traceServer(boolean enabled) {
			this.traceServer = enabled;
			return this;
		}

		/**
		 * The services log one JSON object per line in this format of Boot's
		 * ({@code logstash}, {@code ecs}, {@code gelf}); {@code null} (default): readable
		 * text.
		 */
		public Builder structuredLogs(String format) {
			this.structuredLogs = format;
			return this;
		}

		/**
		 * Heap, GC and JIT options of the service JVMs instead of the default fast-start
		 * ones (small heap, C1 only, serial GC), e.g. production-like settings for a
		 * benchmark.
		 */
		public Builder serviceJvmTuning(List<String> tuning) {
			this.serviceJvmTuning = List.copyOf(tuning);
			return this;
		}

		/** Where {@code <id>.jar} of every service is. */
		public Builder servicesDirectory(Path directory) {
			this.servicesDirectory = directory;
			return this;
		}

		/** Kafka data directory kept between runs (formatted on first use). */
		public Builder kafkaDirectory(Path directory) {
			this.kafkaDirectory = directory;
			this.deleteKafkaDirectoryOnClose = false;
			return this;
		}

		/** A fresh temporary Kafka data directory, deleted by {@link #close()}. */
		public Builder temporaryKafkaDirectory() {
			try {
				this.kafkaDirectory = Files.createTempDirectory("devstack-kafka-");
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			this.deleteKafkaDirectoryOnClose = true;
			return this;
		}

		/** MongoDB data in this H2 file; without it MongoDB keeps data in memory. */
		public Builder mongoFile(Path file) {
			this.mongoFile = file;
			return this;
		}

		/**
		 * A fixed port for a component: a service id, {@code kafka},
		 * {@code kafka-controller}, {@code kafka-mtls} (secured broker only),
		 * {@code mongodb}, {@code smtp}, {@code imap}, {@code mailbox} or {@code zipkin}.
		 * 0 or no call: a free port.
		 */
		public Builder port(String component, int port) {
			ports.put(component, port);
			return this;
		}

		public Builder logs(LogSink logs) {
			this.logs = logs;
			return this;
		}

		/** How long a service may take to stop gracefully before it is killed. */
		public Builder serviceStopGrace(Duration grace) {
			this.serviceStopGrace = grace;
			return this;
		}

		/** How long a service may take to become ready. */
		public Builder readyTimeout(Duration timeout) {
			this.readyTimeout = timeout;
			return this;
		}

		/** Also serve the received mail as a web page. */
		public Builder mailboxPage(boolean enabled) {
			this.mailboxPage = enabled;
			return this;
		}

		/** Extra properties of one service, applied at every start. */
		public Builder serviceProperties(SagaService service, Map<String, String> properties) {
			serviceProperties.put(service, Map.copyOf(properties));
			return this;
		}

		/** The services {@link #startServices()} starts; all by default. */
		public Builder services(List<SagaService> services) {
			this.services = List.copyOf(services);
			return this;
		}

		/**
		 * Close the stack from a JVM shutdown hook (default: yes), so that no child
		 * outlives this JVM.
		 */
		public Builder closeOnShutdown(boolean enabled) {
			this.closeOnShutdown = enabled;
			return this;
		}

		public EmbeddedStack build() {
			if (kafkaDirectory == null) {
				temporaryKafkaDirectory();
			}
			// ports the stack must know before the component binds (Kafka, services) are
			// fixed now, so that a
			// restart reuses them
			Set<Integer> taken = new HashSet<>(ports.values());
			Stream
				.of(Stream.of(KafkaBroker.NAME, KAFKA_CONTROLLER, KAFKA_MTLS, TraceServer.NAME),
						Arrays.stream(SagaService.values()).map(SagaService::id),
						Arrays.stream(SagaService.values())
							.filter(SagaService::hasManagementPort)
							.map(SagaService::managementComponent))
				.flatMap(components -> components)
				.filter(component -> ports.getOrDefault(component, 0) == 0)
				.forEach(component -> ports.put(component, freePortNotIn(taken)));
			return new EmbeddedStack(this);
		}

		private static int freePortNotIn(Set<Integer> taken) {
			int port;
			do {
				port = Ports.free();
			}
			while (!taken.add(port));
			return port;
		}

		int port(String component) {
			return ports.getOrDefault(component, 0);
		}

		int fixedPort(String component) {
			Integer port = ports.get(component);
			if (port == null || port == 0) {
				throw new IllegalStateException("No port for " + component);
			}
			return port;
		}

	}

}
