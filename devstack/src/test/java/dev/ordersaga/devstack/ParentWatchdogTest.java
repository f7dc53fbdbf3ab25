package dev.ordersaga.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

/**
 * A child JVM never outlives the process that launched it, even when that one is killed.
 */
class ParentWatchdogTest {

	@Test
	void childJvmExitsWhenItsLauncherIsKilled() throws IOException {
		Process launcher = new ProcessBuilder("sleep", "120").start();
		Process child = new ProcessBuilder(
				List.of(ChildProcess.javaBinary(), "-javaagent:" + ParentWatchdog.agentJar() + "=" + launcher.pid(),
						"-cp", ChildProcess.classPath(), RunsForever.class.getName()))
			.redirectErrorStream(true)
			.start();
		try {
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(child::isAlive);

			launcher.destroyForcibly();

			await().atMost(Duration.ofSeconds(20)).until(() -> !child.isAlive());
			assertThat(child.exitValue()).isEqualTo(3);
		}
		finally {
			launcher.destroyForcibly();
			child.destroyForcibly();
		}
	}

	/** Stands in for a service: blocks until something ends the JVM. */
	public static final class RunsForever {

		public static void main(String[] args) throws InterruptedException {
			new CountDownLatch(1).await();
		}

	}

}
