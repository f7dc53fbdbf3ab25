package dev.ordersaga.devstack.load;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

final class Pause {

	private Pause() {
	}

	static void of(Duration duration) {
		LockSupport.parkNanos(duration.toNanos());
		if (Thread.currentThread().isInterrupted()) {
			throw new IllegalStateException("Interrupted");
		}
	}

	/** Parks until {@link System#nanoTime()} reaches {@code nanoTime}. */
	static void until(long nanoTime) {
		long left;
		while ((left = nanoTime - System.nanoTime()) > 0) {
			LockSupport.parkNanos(left);
			if (Thread.currentThread().isInterrupted()) {
				throw new IllegalStateException("Interrupted");
			}
		}
	}

}
