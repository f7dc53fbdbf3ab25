package dev.ordersaga.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Zipkin server (the {@code io.zipkin:zipkin-server} exec jar from Maven Central,
 * copied to {@code target/services/zipkin.jar}) as a child JVM, keeping spans in memory.
 * The services send their spans to it in Zipkin's JSON v2 format
 * ({@code POST /api/v2/spans}): Zipkin 3 has no OTLP receiver unless a module is added to
 * it. A person opens its UI at {@link #url()}; tests read traces through its HTTP API
 * ({@code GET /api/v2/trace/{traceId}}).
 */
public final class TraceServer implements AutoCloseable {

	public static final String NAME = "zipkin";

	public static final String JAR = "zipkin.jar";

	private static final Logger log = LoggerFactory.getLogger(TraceServer.class);

	private final Path jar;

	private final int port;

	private final LogSink logs;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private volatile ChildProcess process;

	public TraceServer(Path jar, int port, LogSink logs) {
		this.jar = jar.toAbsolutePath();
		this.port = port;
		this.logs = logs;
	}

	/** E.g. {@code http://localhost:9411}: the UI is at {@code /zipkin/}. */
	public String url() {
		return "http://localhost:" + port;
	}

	/** Where the services post their spans. */
	public String spansEndpoint() {
		return url() + "/api/v2/spans";
	}

	/** The UI page of one trace, {@code {traceId}} standing for the trace id. */
	public String traceUrlTemplate() {
		return url() + "/zipkin/traces/{traceId}";
	}

	public int port() {
		return port;
	}

	/** Launches the JVM; returns at once, see {@link #awaitReady(Duration)}. */
	public synchronized void start() {
		if (process != null && process.isAlive()) {
			return;
		}
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No Zipkin server at " + jar + ". Build devstack first, e.g. "
					+ "./mvnw -B -pl devstack -am package -DskipTests (it copies io.zipkin:zipkin-server:exec there).");
		}
		Ports.requireFree(port, NAME);
		List<String> command = new ArrayList<>();
		command.add(ChildProcess.javaBinary());
		command.addAll(ChildProcess.commonJvmOptions("256m"));
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
				// one local JVM, spans kept in memory: no collector but HTTP, no
				// self-tracing
				"--zipkin.storage.type=mem", "--zipkin.storage.mem.max-spans=500000",
				"--zipkin.self-tracing.enabled=false", "--logging.level.root=WARN",
				"--logging.level.com.linecorp.armeria.server.Server=INFO"));
		logs.line(NAME, "---- devstack: starting Zipkin on port " + port);
		process = ChildProcess.start(NAME, command, jar.getParent(), logs);
	}

	/** Blocks until {@code /health} answers 200. */
	public void awaitReady(Duration timeout) {
		ChildProcess current = process;
		if (current == null) {
			throw new IllegalStateException("Zipkin was not started");
		}
		long started = System.nanoTime();
		long deadline = started + timeout.toNanos();
		while (!isReady()) {
			if (!current.isAlive()) {
				throw new IllegalStateException(
						"Zipkin exited with code " + current.exitCode() + ". Last lines:\n" + current.tail());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Zipkin was not ready at " + url() + "/health within "
						+ timeout.toSeconds() + " s. Last lines:\n" + current.tail());
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for Zipkin", e);
			}
		}
		log.info("Zipkin ready at {} in {} ms", url(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
	}

	public boolean isReady() {
		return ChildProcess.answersOk(http, URI.create(url() + "/health"));
	}

	public boolean isRunning() {
		ChildProcess current = process;
		return current != null && current.isAlive();
	}

	@Override
	public synchronized void close() {
		ChildProcess current = process;
		if (current != null) {
			current.stop(Duration.ofSeconds(15));
		}
		process = null;
	}

}
