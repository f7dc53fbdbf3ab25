package dev.ordersaga.audit.overview;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import dev.ordersaga.audit.AuditProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Recent history of the dashboard's time series (throughput, latency, consumer lag), so
 * that a dashboard opened after an incident shows it: every snapshot of
 * {@link LiveOverview} for {@code saga.audit.dashboard.fine-history} (an hour by
 * default), and per-minute averages for {@code coarse-history} (a day). Kept in memory in
 * two bounded rings: this is a view of recent metrics, not a record; the saga store holds
 * the record, and Prometheus the long-term metrics.
 */
@Component
public class DashboardHistory implements SmartLifecycle {

	/** The resolution of a history request. */
	public enum Resolution {

		/** One point per snapshot (per second by default). */
		FINE,
		/** One point per minute. */
		MINUTE

	}

	private final LiveOverview live;

	private final int fineCapacity;

	private final int minuteCapacity;

	private final Deque<HistoryPoint> fine = new ArrayDeque<>();

	private final Deque<HistoryPoint> minutes = new ArrayDeque<>();

	private final Consumer<DashboardSnapshot> record = this::record;

	/** The snapshots of the minute not yet closed. */
	private final List<HistoryPoint> currentMinute = new ArrayList<>();

	private volatile boolean running;

	@Autowired
	DashboardHistory(LiveOverview live, AuditProperties audit, DashboardProperties properties) {
		this(live, audit.snapshotInterval(), properties);
	}

	DashboardHistory(LiveOverview live, Duration snapshotInterval, DashboardProperties properties) {
		this.live = live;
		long tick = Math.max(1, snapshotInterval.toMillis());
		this.fineCapacity = (int) Math.max(1, properties.fineHistory().toMillis() / tick);
		this.minuteCapacity = (int) Math.max(1, properties.coarseHistory().toMinutes());
	}

	/** Adds one snapshot; a snapshot of a new minute closes the previous minute. */
	synchronized void record(DashboardSnapshot snapshot) {
		HistoryPoint point = HistoryPoint.of(snapshot);
		HistoryPoint last = fine.peekLast();
		if (last != null && !point.time().isAfter(last.time())) {
			return; // the same snapshot again
		}
		add(fine, point, fineCapacity);
		if (!currentMinute.isEmpty() && !minute(currentMinute.getFirst().time()).equals(minute(point.time()))) {
			add(minutes, average(currentMinute), minuteCapacity);
			currentMinute.clear();
		}
		currentMinute.add(point);
	}

	/**
	 * The points of the last {@code window}, oldest first; per minute, the minute in
	 * progress is included as it stands.
	 */
	public synchronized List<HistoryPoint> points(Resolution resolution, Duration window, Instant now) {
		Instant since = now.minus(window);
		List<HistoryPoint> points = new ArrayList<>();
		if (resolution == Resolution.FINE) {
			fine.stream().filter(point -> !point.time().isBefore(since)).forEach(points::add);
		}
		else {
			minutes.stream().filter(point -> !point.time().isBefore(minute(since))).forEach(points::add);
			if (!currentMinute.isEmpty()) {
				points.add(average(currentMinute));
			}
		}
		return points;
	}

	private static void add(Deque<HistoryPoint> ring, HistoryPoint point, int capacity) {
		ring.addLast(point);
		while (ring.size() > capacity) {
			ring.removeFirst();
		}
	}

	private static Instant minute(Instant time) {
		return time.truncatedTo(ChronoUnit.MINUTES);
	}

	/**
	 * One minute: mean throughput, the last latency percentiles (they are computed over
	 * the latest sagas, not over the minute), the highest lag of each group.
	 */
	private static HistoryPoint average(List<HistoryPoint> points) {
		double events = points.stream().mapToDouble(HistoryPoint::eventsPerSecond).average().orElse(0);
		double finished = points.stream().mapToDouble(HistoryPoint::sagasFinishedPerSecond).average().orElse(0);
		HistoryPoint last = points.getLast();
		Map<String, Long> lag = new TreeMap<>();
		points.forEach(point -> point.lag().forEach((group, value) -> lag.merge(group, value, Math::max)));
		return new HistoryPoint(minute(points.getFirst().time()), round(events), round(finished), last.p50Ms(),
				last.p95Ms(), last.p99Ms(), lag);
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	@Override
	public void start() {
		live.subscribe(record);
		running = true;
	}

	@Override
	public void stop() {
		running = false;
		live.unsubscribe(record);
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
