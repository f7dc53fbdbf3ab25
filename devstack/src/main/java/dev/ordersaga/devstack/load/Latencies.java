package dev.ordersaga.devstack.load;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/** An HdrHistogram of latencies in microseconds, up to an hour, 3 significant digits. */
final class Latencies {

	private final Histogram histogram = new Histogram(TimeUnit.HOURS.toMicros(1), 3);

	synchronized void record(long micros) {
		histogram.recordValue(Math.clamp(micros, 0, histogram.getHighestTrackableValue()));
	}

	synchronized Summary summary() {
		if (histogram.getTotalCount() == 0) {
			return new Summary(0, null, null, null, null);
		}
		return new Summary(histogram.getTotalCount(), millis(histogram.getValueAtPercentile(50)),
				millis(histogram.getValueAtPercentile(99)), millis(histogram.getValueAtPercentile(99.9)),
				millis(histogram.getMaxValue()));
	}

	private static Double millis(long micros) {
		return Math.round(micros / 10.0) / 100.0;
	}

	/** Milliseconds, two decimals; {@code null} without samples. */
	record Summary(long count, Double p50Ms, Double p99Ms, Double p999Ms, Double maxMs) {

		String p50() {
			return format(p50Ms);
		}

		String p99() {
			return format(p99Ms);
		}

		private static String format(Double millis) {
			return millis == null ? "–" : "%.1f".formatted(millis);
		}

	}

}
