package dev.ordersaga.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One saga service as a child JVM running its Spring Boot jar
 * ({@code java -jar <id>.jar --key=value ...}), so that each service keeps its own
 * {@code application.yml}, class path and log, and can be stopped and started alone.
 */
public final class ServiceProcess {

	private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

	private final SagaService service;

	private final Path jar;

	private final int port;

	private final int managementPort;

	private final LogSink logs;

	private final List<String> jvmOptions;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private volatile ChildProcess process;

	public ServiceProcess(SagaService service, Path jar, int port, LogSink logs) {
		this(service, jar, port, logs, ChildProcess.commonJvmOptions("384m"));
	}

	/**
	 * @param jvmOptions every option before {@code -jar}, e.g.
	 * {@link ChildProcess#jvmOptions(List)}
	 */
	public ServiceProcess(SagaService service, Path jar, int port, LogSink logs, List<String> jvmOptions) {
		this(service, jar, port, port, logs, jvmOptions);
	}

	/**
	 * @param managementPort where its actuator (readiness probe) answers
	 */
	public ServiceProcess(SagaService service, Path jar, int port, int managementPort, LogSink logs,
			List<String> jvmOptions) {
		this.service = service;
		this.jar = jar.toAbsolutePath();
		this.port = port;
		this.managementPort = managementPort;
		this.logs = logs;
		this.jvmOptions = List.copyOf(jvmOptions);
	}

	public SagaService service() {
		return service;
	}

	public int port() {
		return port;
	}

	/** E.g. {@code http://localhost:8081}. */
	public String baseUrl() {
		return "http://localhost:" + port;
	}

	/** The running JVM's process id, if it runs. */
	public OptionalLong pid() {
		return ChildProcess.pidIfAlive(process);
	}

	/** Where its actuator answers, e.g. {@code http://localhost:9081}. */
	public String managementUrl() {
		return "http://localhost:" + managementPort;
	}

	public boolean isRunning() {
		ChildProcess current = process;
		return current != null && current.isAlive();
	}

	/**
	 * Launches the JVM with {@code properties} as command-line arguments (the
	 * highest-priority Spring property source); returns at once, see
	 * {@link #awaitReady(Duration)}.
	 */
	public synchronized void start(Map<String, String> properties) {
		if (isRunning()) {
			throw new IllegalStateException(service.id() + " is already running");
		}
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No jar for " + service.id() + " at " + jar + ". Build it first, e.g. "
					+ "./mvnw -B -pl devstack -am package -DskipTests (devstack copies every service's exec jar there).");
		}
		Ports.requireFree(port, service.id());
		if (managementPort != port) {
			Ports.requireFree(managementPort, service.managementComponent());
		}
		List<String> command = new ArrayList<>();
		command.add(ChildProcess.javaBinary());
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString()));
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		logs.line(service.id(), "---- devstack: starting " + service.id() + " on port " + port + " with " + properties);
		process = ChildProcess.start(service.id(), command, jar.getParent(), logs);
	}

	/**
	 * Blocks until the readiness probe answers 200; fails with the end of the log if the
	 * JVM exits or times out.
	 */
	public void awaitReady(Duration timeout) {
		ChildProcess current = process;
		if (current == null) {
			throw new IllegalStateException(service.id() + " was not started");
		}
		long started = System.nanoTime();
		long deadline = started + timeout.toNanos();
		while (!isReady()) {
			if (!current.isAlive()) {
				current.waitFor(Duration.ofSeconds(2));
				throw new IllegalStateException(service.id() + " exited with code " + current.exitCode()
						+ " before it was ready." + logHint() + " Last lines of its output:\n" + current.tail());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(service.id() + " was not ready at " + managementUrl()
						+ service.readinessPath() + " within " + timeout.toSeconds() + " s." + logHint()
						+ " Last lines of its output:\n" + current.tail());
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + service.id(), e);
			}
		}
		log.info("{} ready at {} in {} ms", service.id(), baseUrl(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
	}

	/** One readiness probe: {@code GET <readinessPath>} answers 200. */
	public boolean isReady() {
		return ChildProcess.answersOk(http, URI.create(managementUrl() + service.readinessPath()));
	}

	/**
	 * Graceful stop (SIGTERM: Spring Boot drains and closes the binder), killed after
	 * {@code grace}.
	 */
	public synchronized void stop(Duration grace) {
		ChildProcess current = process;
		if (current != null) {
			long started = System.nanoTime();
			current.stop(grace);
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			logs.line(service.id(), "---- devstack: stopped " + service.id() + " in " + millis + " ms (exit code "
					+ current.exitCode() + ")");
			log.info("{} stopped in {} ms", service.id(), millis);
		}
		process = null;
	}

	/** SIGKILL, like a crash: no graceful shutdown, no offset commit. */
	public synchronized void kill() {
		ChildProcess current = process;
		if (current != null) {
			current.kill();
			logs.line(service.id(), "---- devstack: killed " + service.id());
		}
		process = null;
	}

	private String logHint() {
		return logs instanceof LogSink.FileLogSink files ? " Full log: " + files.file(service.id()) + "." : "";
	}

	/** The last lines of the service's output. */
	public String tail() {
		ChildProcess current = process;
		return current == null ? "" : current.tail();
	}

}
