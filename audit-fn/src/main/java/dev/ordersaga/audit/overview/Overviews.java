package dev.ordersaga.audit.overview;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ordersaga.audit.AuditProperties;
import dev.ordersaga.audit.SagaState;
import dev.ordersaga.audit.messaging.ConsumerLag;
import dev.ordersaga.audit.persistence.SagaQueries;

import org.springframework.stereotype.Service;

/**
 * Computes the overview from the store (so it survives restarts and agrees across
 * replicas) and the latest consumer-lag reading.
 */
@Service
public class Overviews {

	private static final int LISTED = 20;

	private final SagaQueries queries;

	private final ConsumerLag lag;

	private final AuditProperties properties;

	private final Clock clock;

	Overviews(SagaQueries queries, ConsumerLag lag, AuditProperties properties, Clock clock) {
		this.queries = queries;
		this.lag = lag;
		this.properties = properties;
		this.clock = clock;
	}

	public ConsistencyOverview current() {
		Map<String, Long> byState = new LinkedHashMap<>();
		queries.countByState().forEach((state, n) -> byState.put(state.name(), n));
		Map<String, Long> byRule = new LinkedHashMap<>();
		queries.sagasByRule().forEach((rule, n) -> byRule.put(rule.id(), n));
		long violated = queries.count("verdict", "VIOLATED");
		Map<String, Long> deadLetters = queries.deadLettersByTopic();
		return new ConsistencyOverview(clock.instant(), violated == 0 ? "CONSISTENT" : "INCONSISTENT",
				new ConsistencyOverview.SagaCounts(byState.values().stream().mapToLong(Long::longValue).sum(), byState,
						queries.count("inFlight", true), queries.count("stuck", true)),
				new ConsistencyOverview.Violations(violated, byRule), queries.duplicates(),
				new ConsistencyOverview.DeadLetters(deadLetters.values().stream().mapToLong(Long::longValue).sum(),
						deadLetters),
				lag.latest(), latency(queries.latestLatencies(properties.latencySamples())), queries.eventCount(),
				queries.stuck(LISTED).stream().map(SagaSummary::of).toList(),
				queries.violated(LISTED).stream().map(SagaSummary::of).toList());
	}

	public List<SagaSummary> recent(int limit) {
		return queries.recent(limit).stream().map(SagaSummary::of).toList();
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
