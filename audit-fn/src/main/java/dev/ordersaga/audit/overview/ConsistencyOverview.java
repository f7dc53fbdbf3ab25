package dev.ordersaga.audit.overview;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ordersaga.audit.messaging.ConsumerLag.GroupLag;

/**
 * The overall verdict and the numbers behind it ({@code GET /consistency}).
 *
 * @param evaluatedAt when it was computed
 * @param verdict {@code CONSISTENT} when no saga breaks a rule, else {@code INCONSISTENT}
 * @param sagas counts of sagas
 * @param violations sagas breaking each rule
 * @param duplicates extra copies of events delivered, over all sagas (not an error)
 * @param deadLetters records in dead-letter topics
 * @param consumerLag the lag of every service's consumer group, by group
 * @param latency end-to-end latency (placement to terminal state) of the latest terminal
 * sagas
 * @param events different events stored
 * @param stuck the sagas past their deadline (oldest deadline first, at most 20)
 * @param violated the latest sagas that broke a rule (at most 20)
 * @param behind audit-fn has not read the saga topics up to now (beyond the clock skew):
 * rules that wait for an event of another topic are not judged until it has; the verdict
 * covers what was read
 * @param lagSeconds how far behind the oldest record audit-fn has not read yet is, in
 * seconds; {@code null} while unknown (before the broker first answered)
 */
public record ConsistencyOverview(Instant evaluatedAt, String verdict, SagaCounts sagas, Violations violations,
		long duplicates, DeadLetters deadLetters, Map<String, GroupLag> consumerLag, Latency latency, long events,
		List<SagaSummary> stuck, List<SagaSummary> violated, boolean behind, Double lagSeconds) {

	/**
	 * @param total all sagas
	 * @param byState sagas per lifecycle state (every state listed)
	 * @param inFlight running and within their deadline
	 * @param stuck running past their deadline plus grace
	 */
	public record SagaCounts(long total, Map<String, Long> byState, long inFlight, long stuck) {
	}

	/**
	 * @param sagas sagas that broke at least one rule
	 * @param byRule sagas breaking each rule, by rule id (every rule listed)
	 */
	public record Violations(long sagas, Map<String, Long> byRule) {
	}

	/**
	 * @param total records in dead-letter topics
	 * @param byTopic per dead-letter topic
	 */
	public record DeadLetters(long total, Map<String, Long> byTopic) {
	}

	/**
	 * Percentiles by nearest rank, in milliseconds; {@code null} without samples.
	 *
	 * @param samples how many sagas they are computed from
	 */
	public record Latency(int samples, Long p50Ms, Long p95Ms, Long p99Ms, Long maxMs) {
	}

}
