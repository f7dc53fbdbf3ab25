package dev.ordersaga.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Apache Kafka broker in KRaft combined mode (broker and controller in one
 * node), run as a child JVM with this JVM's class path so that it can be stopped and
 * started again on the same port with the same data.
 * <p>
 * Layout of the data directory: {@code server.properties} (rewritten at every start) and
 * {@code logs/} (the log and metadata directory, formatted once with Kafka's storage tool
 * and kept afterwards).
 * <p>
 * With a {@link KafkaSecurity} the broker is secured (devstack's {@code scram-tls} mode):
 * TLS on every listener, SCRAM-SHA-512 users, a client-certificate listener and ACLs; the
 * SCRAM users and ACLs are provisioned at every start.
 */
public final class KafkaBroker implements AutoCloseable {

	public static final String NAME = "kafka";

	private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

	private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private static final String LOGBACK_CONFIG = "devstack-kafka-logback.xml";

	private final Path dataDirectory;

	private final int port;

	private final int controllerPort;

	private final LogSink logs;

	private final Duration stopGrace;

	private final KafkaSecurity security;

	private volatile ChildProcess process;

	/**
	 * @param dataDirectory kept between starts; formatted on the first start
	 * @param port PLAINTEXT listener on 127.0.0.1, the bootstrap port
	 * @param controllerPort KRaft controller listener on 127.0.0.1
	 * @param stopGrace how long a graceful stop may take before the broker is killed
	 */
	public KafkaBroker(Path dataDirectory, int port, int controllerPort, LogSink logs, Duration stopGrace) {
		this(dataDirectory, port, controllerPort, logs, stopGrace, null);
	}

	/**
	 * A broker secured by {@code security} (SASL_SSL on {@code port}), or a plaintext one
	 * when it is {@code null}.
	 */
	public KafkaBroker(Path dataDirectory, int port, int controllerPort, LogSink logs, Duration stopGrace,
			KafkaSecurity security) {
		this.security = security;
		this.dataDirectory = dataDirectory.toAbsolutePath();
		this.port = port;
		this.controllerPort = controllerPort;
		this.logs = logs;
		this.stopGrace = stopGrace;
	}

	/** {@code host:port} for {@code bootstrap.servers}. */
	public String bootstrapServers() {
		return "127.0.0.1:" + port;
	}

	public int port() {
		return port;
	}

	/** The broker's security; empty for the plaintext broker. */
	public Optional<KafkaSecurity> security() {
		return Optional.ofNullable(security);
	}

	/**
	 * kafka-clients properties of a client of this broker as {@code principal}
	 * ({@code bootstrap.servers} and, when secured, its SCRAM login over TLS).
	 */
	public Map<String, Object> clientConfig(String principal) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		security().ifPresent(secured -> config.putAll(secured.clientConfig(principal)));
		return config;
	}

	public Path dataDirectory() {
		return dataDirectory;
	}

	public boolean isRunning() {
		ChildProcess current = process;
		return current != null && current.isAlive();
	}

	/**
	 * Formats the storage if needed, starts the broker and blocks until it answers
	 * {@code describeCluster}.
	 */
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		long started = System.nanoTime();
		Ports.requireFree(port, NAME);
		Ports.requireFree(controllerPort, NAME + "-controller");
		if (security != null) {
			Ports.requireFree(security.mtlsPort(), NAME + "-mtls");
		}
		Path config = writeConfig();
		formatStorageOnce(config);
		List<String> command = new ArrayList<>();
		command.add(ChildProcess.javaBinary());
		command.addAll(ChildProcess.commonJvmOptions("512m"));
		command.add("-Dlogback.configurationFile=" + LOGBACK_CONFIG);
		command.addAll(List.of("-cp", ChildProcess.classPath(), "kafka.Kafka", config.toString()));
		process = ChildProcess.start(NAME, command, dataDirectory, logs);
		awaitReady(process);
		log.info("Kafka broker ready at {} in {} ms (data in {})", bootstrapServers(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dataDirectory);
	}

	/**
	 * Stops the broker gracefully (controlled shutdown); its data stays for the next
	 * {@link #start()}.
	 */
	public synchronized void stop() {
		ChildProcess current = process;
		if (current != null) {
			long started = System.nanoTime();
			current.stop(stopGrace);
			log.info("Kafka broker stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		}
		process = null;
	}

	/**
	 * Kills the broker without a controlled shutdown, like a crash; the next start
	 * recovers its logs.
	 */
	public synchronized void kill() {
		ChildProcess current = process;
		if (current != null) {
			current.kill();
		}
		process = null;
	}

	@Override
	public void close() {
		stop();
	}

	private Path writeConfig() {
		Map<String, String> config = new LinkedHashMap<>();
		config.put("process.roles", "broker,controller");
		config.put("node.id", "1");
		// a static quorum: the voter set lives in this file, not in the metadata log, so
		// the controller port of a
		// kept data directory may change between local runs
		config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
		config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
		config.put("controller.listener.names", "CONTROLLER");
		config.put("inter.broker.listener.name", "PLAINTEXT");
		config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		config.put("log.dirs", dataDirectory.resolve("logs").toString());
		config.put("num.partitions", "4");
		config.put("auto.create.topics.enable", "true");
		config.put("offsets.topic.replication.factor", "1");
		config.put("transaction.state.log.replication.factor", "1");
		config.put("transaction.state.log.min.isr", "1");
		config.put("share.coordinator.state.topic.replication.factor", "1");
		config.put("share.coordinator.state.topic.min.isr", "1");
		config.put("group.initial.rebalance.delay.ms", "0");
		// a developer machine: keep a week of data but never let it grow without bound
		config.put("log.retention.hours", "168");
		config.put("log.retention.bytes", String.valueOf(256L * 1024 * 1024));
		if (security != null) {
			config.putAll(security.brokerConfig(port, controllerPort));
		}
		try {
			Files.createDirectories(dataDirectory);
			Path file = dataDirectory.resolve("server.properties");
			Properties properties = new Properties();
			properties.putAll(config);
			try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				properties.store(writer, "Written by devstack at every start; edits are lost");
			}
			return file;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot write the Kafka configuration in " + dataDirectory, e);
		}
	}

	private void formatStorageOnce(Path config) {
		if (Files.exists(dataDirectory.resolve("logs").resolve("meta.properties"))) {
			return;
		}
		String clusterId = Uuid.randomUuid().toString();
		List<String> command = new ArrayList<>();
		command.add(ChildProcess.javaBinary());
		command.addAll(ChildProcess.commonJvmOptions("256m"));
		command.add("-Dlogback.configurationFile=" + LOGBACK_CONFIG);
		// StorageTool ends with System.exit, hence its own JVM
		command.addAll(List.of("-cp", ChildProcess.classPath(), "kafka.tools.StorageTool", "format", "--cluster-id",
				clusterId, "--config", config.toString(), "--ignore-formatted"));
		if (security != null) {
			command.addAll(security.formatArguments());
		}
		ChildProcess format = ChildProcess.start(NAME + "-format", command, dataDirectory, (source, line) -> {
		});
		if (!format.waitFor(FORMAT_TIMEOUT)) {
			format.kill();
			throw new IllegalStateException(
					"Formatting the Kafka storage took longer than " + FORMAT_TIMEOUT + ":\n" + format.tail());
		}
		if (format.exitCode() != 0) {
			throw new IllegalStateException(
					"Formatting the Kafka storage failed with exit code " + format.exitCode() + ":\n" + format.tail());
		}
		log.info("Formatted Kafka storage in {} (cluster id {})", dataDirectory.resolve("logs"), clusterId);
	}

	private void awaitReady(ChildProcess broker) {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (!Ports.isListening(port)) {
			failIfGone(broker);
			if (System.nanoTime() > deadline) {
				broker.kill();
				throw new IllegalStateException(
						"Kafka broker did not open port " + port + " within " + READY_TIMEOUT + ":\n" + broker.tail());
			}
			pause();
		}
		Map<String, Object> adminConfig = clientConfig(KafkaSecurity.ADMIN);
		adminConfig.putAll(Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
				AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
		try (Admin admin = Admin.create(adminConfig)) {
			while (true) {
				failIfGone(broker);
				try {
					if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
						.nodes()
						.get(6, TimeUnit.SECONDS)
						.isEmpty()) {
						if (security != null) {
							security.provision(admin, READY_TIMEOUT);
						}
						return;
					}
				}
				catch (Exception e) {
					if (e instanceof InterruptedException) {
						Thread.currentThread().interrupt();
						throw new IllegalStateException("Interrupted while waiting for Kafka", e);
					}
					log.debug("Kafka not ready yet: {}", e.toString());
				}
				if (System.nanoTime() > deadline) {
					broker.kill();
					throw new IllegalStateException(
							"Kafka broker did not answer within " + READY_TIMEOUT + ":\n" + broker.tail());
				}
				pause();
			}
		}
	}

	private static void failIfGone(ChildProcess broker) {
		if (!broker.isAlive()) {
			broker.waitFor(Duration.ofSeconds(2));
			throw new IllegalStateException(
					"Kafka broker exited with code " + broker.exitCode() + ":\n" + broker.tail());
		}
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Kafka", e);
		}
	}

	/** The broker JVM's process id, if it runs. */
	public OptionalLong pid() {
		return ChildProcess.pidIfAlive(process);
	}

}
