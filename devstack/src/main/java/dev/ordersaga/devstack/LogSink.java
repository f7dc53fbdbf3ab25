package dev.ordersaga.devstack;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the output of the child processes goes, one line at a time. */
@FunctionalInterface
public interface LogSink {

	/**
	 * @param source the child process, e.g. {@code order-fn} or {@code kafka}
	 * @param line one line of its output, without the line terminator
	 */
	void line(String source, String line);

	/**
	 * Every line on the launcher's log, prefixed with {@code [source]}, for the local
	 * run.
	 */
	static LogSink console() {
		Logger logger = LoggerFactory.getLogger("devstack.child");
		return (source, line) -> logger.info("[{}] {}", source, line);
	}

	/**
	 * One file per child process, {@code <directory>/<source>.log}, truncated the first
	 * time this sink writes to it, so that test output stays small and each test run
	 * starts a fresh log.
	 */
	static LogSink files(Path directory) {
		return new FileLogSink(directory);
	}

	final class FileLogSink implements LogSink {

		private final Path directory;

		private final Map<String, BufferedWriter> writers = new ConcurrentHashMap<>();

		private FileLogSink(Path directory) {
			this.directory = directory;
		}

		@Override
		public void line(String source, String line) {
			BufferedWriter writer = writers.computeIfAbsent(source, this::open);
			synchronized (writer) {
				try {
					writer.write('[' + source + "] " + line);
					writer.newLine();
					writer.flush();
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			}
		}

		/** The log file of {@code source}. */
		public Path file(String source) {
			return directory.resolve(source + ".log");
		}

		private BufferedWriter open(String source) {
			try {
				Files.createDirectories(directory);
				return Files.newBufferedWriter(file(source), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
			}
			catch (IOException e) {
				throw new UncheckedIOException("Cannot open the log of " + source + " in " + directory, e);
			}
		}

	}

}
