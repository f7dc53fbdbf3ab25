package dev.ordersaga.audit.overview;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ordersaga.audit.messaging.ConsumerLag.GroupLag;
import dev.ordersaga.audit.overview.ConsistencyOverview.DeadLetters;
import dev.ordersaga.audit.overview.ConsistencyOverview.Latency;
import dev.ordersaga.audit.overview.ConsistencyOverview.SagaCounts;
import dev.ordersaga.audit.overview.ConsistencyOverview.Violations;
import dev.ordersaga.audit.overview.DashboardHistory.Resolution;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardHistoryTest {

	static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

	/** One snapshot per second. */
	final Duration audit = Duration.ofSeconds(1);

	@Test
	void keepsEverySnapshotOfTheLastHourAndDropsTheOldest() {
		DashboardHistory history = new DashboardHistory(null, audit,
				new DashboardProperties("", Duration.ofMinutes(1), Duration.ofHours(24)));
		for (int second = 0; second < 90; second++) {
			history.record(snapshot(START.plusSeconds(second), second, 7L));
		}

		List<HistoryPoint> points = history.points(Resolution.FINE, Duration.ofHours(1), START.plusSeconds(90));

		assertThat(points).hasSize(60);
		assertThat(points.getFirst().time()).isEqualTo(START.plusSeconds(30));
		assertThat(points.getLast().eventsPerSecond()).isEqualTo(89);
		assertThat(points.getLast().lag()).containsEntry("order-fn", 7L);
		assertThat(history.points(Resolution.FINE, Duration.ofSeconds(10), START.plusSeconds(90))).hasSize(10);
	}

	@Test
	void averagesThroughputPerMinuteAndKeepsTheHighestLag() {
		DashboardHistory history = new DashboardHistory(null, audit,
				new DashboardProperties("", Duration.ofHours(1), Duration.ofHours(24)));
		for (int second = 0; second < 150; second++) {
			history.record(snapshot(START.plusSeconds(second), second < 60 ? 10 : 20, second == 30 ? 500L : 3L));
		}

		List<HistoryPoint> minutes = history.points(Resolution.MINUTE, Duration.ofHours(24), START.plusSeconds(150));

		assertThat(minutes).extracting(HistoryPoint::time)
			.containsExactly(START, START.plusSeconds(60), START.plusSeconds(120));
		assertThat(minutes).extracting(HistoryPoint::eventsPerSecond).containsExactly(10.0, 20.0, 20.0);
		assertThat(minutes.getFirst().lag()).containsEntry("order-fn", 500L);
		assertThat(minutes.get(1).lag()).containsEntry("order-fn", 3L);
		assertThat(minutes.getFirst().p99Ms()).isEqualTo(30L);
	}

	@Test
	void theSameSnapshotTwiceIsOnePoint() {
		DashboardHistory history = new DashboardHistory(null, audit,
				new DashboardProperties("", Duration.ofHours(1), Duration.ofHours(24)));
		DashboardSnapshot snapshot = snapshot(START, 5, 1L);
		history.record(snapshot);
		history.record(snapshot);

		assertThat(history.points(Resolution.FINE, Duration.ofHours(1), START)).hasSize(1);
	}

	static DashboardSnapshot snapshot(Instant time, double eventsPerSecond, Long lag) {
		ConsistencyOverview overview = new ConsistencyOverview(time, "CONSISTENT", new SagaCounts(0, Map.of(), 0, 0),
				new Violations(0, Map.of()), 0, new DeadLetters(0, Map.of()),
				Map.of("order-fn", new GroupLag("order-fn", lag, Map.of(), time), "email-fn",
						new GroupLag("email-fn", null, Map.of(), time)),
				new Latency(10, 10L, 20L, 30L, 40L), 0, List.of(), List.of(), false, null);
		return new DashboardSnapshot(overview, eventsPerSecond, eventsPerSecond / 4, List.of());
	}

}
