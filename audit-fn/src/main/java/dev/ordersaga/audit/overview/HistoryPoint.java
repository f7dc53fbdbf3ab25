package dev.ordersaga.audit.overview;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The time-series values of the dashboard at one moment, or averaged over one minute.
 *
 * @param time when the snapshot was taken (start of the minute for per-minute points)
 * @param eventsPerSecond events stored per second
 * @param sagasFinishedPerSecond sagas that reached a terminal state per second
 * @param p50Ms median end-to-end latency of the latest terminal sagas, {@code null}
 * without samples
 * @param p95Ms 95th percentile
 * @param p99Ms 99th percentile
 * @param lag consumer lag (records) by consumer group; a group whose lag was unknown is
 * left out. Per minute: the highest seen in that minute
 */
public record HistoryPoint(Instant time, double eventsPerSecond, double sagasFinishedPerSecond, Long p50Ms, Long p95Ms,
		Long p99Ms, Map<String, Long> lag) {

	public HistoryPoint {
		lag = Map.copyOf(lag);
	}

	static HistoryPoint of(DashboardSnapshot snapshot) {
		ConsistencyOverview overview = snapshot.overview();
		Map<String, Long> lag = new TreeMap<>();
		overview.consumerLag().forEach((group, groupLag) -> {
			if (groupLag != null && groupLag.lag() != null) {
				lag.put(group, groupLag.lag());
			}
		});
		return new HistoryPoint(overview.evaluatedAt(), snapshot.eventsPerSecond(), snapshot.sagasFinishedPerSecond(),
				overview.latency().p50Ms(), overview.latency().p95Ms(), overview.latency().p99Ms(), lag);
	}

}
