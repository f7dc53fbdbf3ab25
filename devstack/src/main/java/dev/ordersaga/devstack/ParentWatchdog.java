package dev.ordersaga.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Java agent loaded into every child JVM ({@code -javaagent:<jar>=<launcher pid>}) that
 * shuts the child down when the launcher is gone. Shutdown hooks cover a normal exit or
 * Ctrl-C of the launcher; this covers {@code kill -9} of it (or of the test JVM), which
 * would otherwise leave orphans holding ports 9092, 8081, ...
 * <p>
 * Loaded by the child's system class loader, so it uses JDK classes only and no other
 * devstack type.
 */
public final class ParentWatchdog {

	private static final long POLL_MILLIS = 1_000;

	/** Longer than any graceful shutdown of a service or of the whole stack. */
	private static final long HALT_AFTER_MILLIS = 90_000;

	private static volatile Path agentJar;

	private ParentWatchdog() {
	}

	/** Agent entry point: {@code agentArgs} is the launcher's pid. */
	public static void premain(String agentArgs) {
		exitWhenGone(Long.parseLong(agentArgs.strip()));
	}

	/**
	 * Starts a daemon thread that ends this JVM through {@code System.exit} (so shutdown
	 * hooks run) once the process {@code parentPid} has ended.
	 */
	public static void exitWhenGone(long parentPid) {
		Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
		Thread watcher = new Thread(() -> watch(parentPid, parent), "devstack-parent-watchdog");
		watcher.setDaemon(true);
		watcher.start();
	}

	private static void watch(long parentPid, Optional<ProcessHandle> parent) {
		try {
			while (parent.isPresent() && parent.get().isAlive()) {
				Thread.sleep(POLL_MILLIS);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return;
		}
		// No logging framework can be assumed in the child at this point: stderr reaches
		// the child's log file.
		System.err.println("devstack: launcher process " + parentPid + " is gone, shutting this process down");
		Thread halt = new Thread(() -> haltLater(), "devstack-parent-watchdog-halt");
		halt.setDaemon(true);
		halt.start();
		System.exit(3);
	}

	private static void haltLater() {
		try {
			Thread.sleep(HALT_AFTER_MILLIS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		Runtime.getRuntime().halt(4);
	}

	/** The agent jar, in the temporary directory. */
	static synchronized Path agentJar() {
		if (agentJar == null) {
			agentJar = writeAgentJar();
		}
		return agentJar;
	}

	/** The JVM option that loads this agent into a child of the current process. */
	static String javaAgentOption() {
		return "-javaagent:" + agentJar().toAbsolutePath() + "=" + ProcessHandle.current().pid();
	}

	/**
	 * Writes the jar under a name derived from the class's bytes, so that every JVM with
	 * the same devstack build reuses one file (even one killed before it could clean up)
	 * and a new build never runs an old agent.
	 */
	private static Path writeAgentJar() {
		String entryName = ParentWatchdog.class.getName().replace('.', '/') + ".class";
		try (InputStream classFile = ParentWatchdog.class.getResourceAsStream("/" + entryName)) {
			if (classFile == null) {
				throw new IllegalStateException("Class file " + entryName + " not found on the class path");
			}
			byte[] bytes = classFile.readAllBytes();
			Path directory = Path.of(System.getProperty("java.io.tmpdir"));
			Path jar = directory.resolve("devstack-watchdog-" + Integer.toHexString(Arrays.hashCode(bytes)) + ".jar");
			if (Files.isRegularFile(jar)) {
				return jar;
			}
			Manifest manifest = new Manifest();
			manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
			manifest.getMainAttributes().putValue("Premain-Class", ParentWatchdog.class.getName());
			Path temporary = Files.createTempFile(directory, "devstack-watchdog-", ".tmp");
			try (OutputStream out = Files.newOutputStream(temporary);
					JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
				jarOut.putNextEntry(new JarEntry(entryName));
				jarOut.write(bytes);
				jarOut.closeEntry();
			}
			// atomic, so that a JVM starting at the same moment never sees half a jar
			Files.move(temporary, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			return jar;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot write the watchdog agent jar", e);
		}
	}

}
