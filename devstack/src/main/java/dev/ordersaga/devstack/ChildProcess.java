package dev.ordersaga.devstack;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM whose merged stdout/stderr goes line by line to a {@link LogSink}, whose
 * last lines are kept for error messages, and which is stopped together with all its
 * descendants.
 */
public final class ChildProcess {

	private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);

	private static final int TAIL_LINES = 80;

	private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();

	private final String name;

	private final Process process;

	private final Deque<String> tail = new ArrayDeque<>();

	private final Thread pump;

	private ChildProcess(String name, Process process, LogSink sink) {
		this.name = name;
		this.process = process;
		// a platform thread: a virtual one would pin its carrier while blocked on the
		// pipe, and a few of them starve
		// every other virtual thread on a 2-core machine
		this.pump = Thread.ofPlatform().daemon().name("devstack-log-" + name).start(() -> pump(sink));
	}

	/** Starts {@code command} as a child process called {@code name} (the log prefix). */
	public static ChildProcess start(String name, List<String> command, Path workingDirectory, LogSink sink) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true);
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			ChildProcess child = new ChildProcess(name, process, sink);
			LIVE.add(child);
			process.onExit().thenRun(() -> LIVE.remove(child));
			log.debug("Started {} as pid {}: {}", name, process.pid(), command);
			return child;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
		}
	}

	/**
	 * The java launcher of the running JVM, so that every child runs on the same JDK as
	 * the launcher.
	 */
	public static String javaBinary() {
		return ProcessHandle.current()
			.info()
			.command()
			.filter(command -> Path.of(command).getFileName().toString().startsWith("java"))
			.orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	/**
	 * The class path of this JVM with absolute entries, for a child JVM that runs in
	 * another working directory.
	 */
	public static String classPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter(entry -> !entry.isBlank())
			.map(entry -> Path.of(entry).toAbsolutePath().toString())
			.collect(Collectors.joining(File.pathSeparator));
	}

	/**
	 * JVM options every child gets: small heap, fast start on few cores, no JDK 25
	 * warnings about Unsafe and native access from Netty, Kafka's compression codecs and
	 * friends, and the {@link ParentWatchdog} agent.
	 */
	public static List<String> commonJvmOptions(String maxHeap) {
		return jvmOptions(List.of("-Xms64m", "-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
	}

	/**
	 * {@code tuning} (heap, GC, JIT flags) followed by what every child needs whatever
	 * its tuning: exit on out-of-memory, no JDK 25 warnings, the {@link ParentWatchdog}
	 * agent.
	 */
	public static List<String> jvmOptions(List<String> tuning) {
		List<String> options = new ArrayList<>(tuning);
		options.addAll(List.of("-XX:+ExitOnOutOfMemoryError", "--sun-misc-unsafe-memory-access=allow",
				"--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8",
				ParentWatchdog.javaAgentOption()));
		return List.copyOf(options);
	}

	public String name() {
		return name;
	}

	public long pid() {
		return process.pid();
	}

	/** The process id of {@code process} if there is one and it is alive. */
	static OptionalLong pidIfAlive(ChildProcess process) {
		return process != null && process.isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	/**
	 * One readiness probe of a child's HTTP endpoint: {@code GET uri} answers 200 within
	 * two seconds.
	 */
	static boolean answersOk(HttpClient http, URI uri) {
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException e) {
			return false;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Exit code, or -1 while the process runs. */
	public int exitCode() {
		return process.isAlive() ? -1 : process.exitValue();
	}

	/** Waits up to {@code timeout} for the process to end on its own. */
	public boolean waitFor(Duration timeout) {
		try {
			boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (exited) {
				pump.join(Duration.ofSeconds(5));
			}
			return exited;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Asks the process and its descendants to terminate (SIGTERM, so Spring Boot and
	 * Kafka shut down gracefully) and kills whatever still runs after {@code grace}.
	 */
	public void stop(Duration grace) {
		if (!process.isAlive()) {
			return;
		}
		List<ProcessHandle> descendants = process.descendants().toList();
		process.destroy();
		descendants.forEach(ProcessHandle::destroy);
		if (!waitFor(grace)) {
			log.warn("{} (pid {}) did not stop within {} s, killing it", name, pid(), grace.toSeconds());
			kill();
		}
		descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	/** Kills the process and its descendants at once (SIGKILL), like a crash. */
	public void kill() {
		List<ProcessHandle> descendants = process.descendants().toList();
		process.destroyForcibly();
		descendants.forEach(ProcessHandle::destroyForcibly);
		waitFor(Duration.ofSeconds(10));
	}

	/** The last lines of output, for error messages. */
	public String tail() {
		synchronized (tail) {
			return String.join(System.lineSeparator(), tail);
		}
	}

	/** Kills every child process still running; the last line of defence at shutdown. */
	public static void killAll() {
		List<ChildProcess> running = new ArrayList<>(LIVE);
		running.forEach(ChildProcess::kill);
	}

	private void pump(LogSink sink) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				remember(line);
				try {
					sink.line(name, line);
				}
				catch (RuntimeException e) {
					log.warn("Cannot write a log line of {}: {}", name, e.toString());
				}
			}
		}
		catch (IOException e) {
			log.debug("Output of {} closed: {}", name, e.toString());
		}
	}

	private void remember(String line) {
		synchronized (tail) {
			if (tail.size() == TAIL_LINES) {
				tail.removeFirst();
			}
			tail.addLast(line);
		}
	}

	@Override
	public String toString() {
		return name + " (pid " + process.pid() + ")";
	}

}
