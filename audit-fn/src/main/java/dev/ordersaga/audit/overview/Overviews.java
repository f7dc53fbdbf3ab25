package dev.ordersaga.audit.overview;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ordersaga.audit.AuditProperties;
import dev.ordersaga.audit.SagaIndex;
import dev.ordersaga.audit.SagaState;
import dev.ordersaga.audit.messaging.ConsumerLag;
import dev.ordersaga.audit.messaging.ReadProgress;

import org.springframework.stereotype.Service;

/**
 * Composes the overview from the in-memory saga index (rebuilt from the store at
 * start-up, so it survives restarts), the latest consumer-lag reading and how far the
 * audit has read. Costs the same however many sagas are stored.
 */
@Service
public class Overviews {

	private static final int LISTED = 20;

	private final SagaIndex index;

	private final ConsumerLag lag;

	private final ReadProgress progress;

	private final AuditProperties properties;

	private final Clock clock;

	Overviews(SagaIndex index, ConsumerLag lag, ReadProgress progress, AuditProperties properties, Clock clock) {
		this.index = index;
		this.lag = lag;
		this.progress = progress;
		this.properties = properties;
		this.clock = clock;
	}

	public ConsistencyOverview current() {
		SagaIndex.Counts counts = index.counts();
		Map<String, Long> byState = new LinkedHashMap<>();
		counts.byState().forEach((state, n) -> byState.put(state.name(), n));
		Map<String, Long> byRule = new LinkedHashMap<>();
		counts.byRule().forEach((rule, n) -> byRule.put(rule.id(), n));
		Map<String, Long> deadLetters = counts.deadLettersByTopic();
		ReadProgress.Status read = progress.status();
		return new ConsistencyOverview(clock.instant(), counts.violated() == 0 ? "CONSISTENT" : "INCONSISTENT",
				new ConsistencyOverview.SagaCounts(counts.total(), byState, counts.inFlight(), counts.stuck()),
				new ConsistencyOverview.Violations(counts.violated(), byRule), counts.duplicates(),
				new ConsistencyOverview.DeadLetters(deadLetters.values().stream().mapToLong(Long::longValue).sum(),
						deadLetters),
				lag.latest(), latency(index.latestLatencies(properties.latencySamples())), counts.events(),
				index.stuck(LISTED).stream().map(SagaSummary::of).toList(),
				index.violated(LISTED).stream().map(SagaSummary::of).toList(), read.behind(), read.lagSeconds());
	}

	public List<SagaSummary> recent(int limit) {
		return index.recent(limit).stream().map(SagaSummary::of).toList();
	}

	static ConsistencyOverview.Latency latency(List<Long> samples) {
		if (samples.isEmpty()) {
			return new ConsistencyOverview.Latency(0, null, null, null, null);
		}
		List<Long> sorted = new ArrayList<>(samples);
		sorted.sort(null);
		return new ConsistencyOverview.Latency(sorted.size(), rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
				sorted.getLast());
	}

	private static long rank(List<Long> sorted, int percentile) {
		int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
		return sorted.get(Math.max(0, rank - 1));
	}

	/** Sagas in a terminal state, for the finishing rate. */
	static long terminal(ConsistencyOverview overview) {
		return overview.sagas().byState().getOrDefault(SagaState.COMPLETED.name(), 0L)
				+ overview.sagas().byState().getOrDefault(SagaState.CANCELLED.name(), 0L);
	}

}
