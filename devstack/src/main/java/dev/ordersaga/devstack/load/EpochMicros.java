package dev.ordersaga.devstack.load;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Wall-clock microseconds since the epoch, the unit the services' {@code ce_time}s are
 * compared in; {@link #now()} follows {@link System#nanoTime()} from one anchor, so
 * intended send times are exact and monotonic.
 */
final class EpochMicros {

	private static final long ANCHOR_MICROS = of(Instant.now());

	private static final long ANCHOR_NANOS = System.nanoTime();

	private EpochMicros() {
	}

	static long of(Instant instant) {
		return TimeUnit.SECONDS.toMicros(instant.getEpochSecond()) + instant.getNano() / 1_000;
	}

	/** The epoch micros of a {@link System#nanoTime()} reading. */
	static long ofNanoTime(long nanoTime) {
		return ANCHOR_MICROS + (nanoTime - ANCHOR_NANOS) / 1_000;
	}

	static long now() {
		return ofNanoTime(System.nanoTime());
	}

}
