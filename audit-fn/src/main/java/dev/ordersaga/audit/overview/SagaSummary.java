package dev.ordersaga.audit.overview;

import java.time.Instant;
import java.util.List;

import dev.ordersaga.audit.Rule;
import dev.ordersaga.audit.SagaIndex;
import dev.ordersaga.audit.SagaReport;
import dev.ordersaga.audit.SagaState;
import dev.ordersaga.audit.Verdict;

/**
 * One saga in a list.
 *
 * @param orderId the order
 * @param state lifecycle state
 * @param verdict the audit's judgement
 * @param stuck not terminal past its deadline plus grace
 * @param createdAt placement time, if seen
 * @param deadline by when it must be terminal, if known
 * @param terminalAt when it became terminal
 * @param latencyMs placement to terminal state, in milliseconds
 * @param lastEventAt time of its latest event
 * @param events different events seen
 * @param duplicates extra copies delivered
 * @param deadLetters records in dead-letter topics
 * @param rules ids of the rules it broke
 */
public record SagaSummary(String orderId, SagaState state, Verdict verdict, boolean stuck, Instant createdAt,
		Instant deadline, Instant terminalAt, Long latencyMs, Instant lastEventAt, int events, int duplicates,
		int deadLetters, List<String> rules) {

	public static SagaSummary of(SagaIndex.Entry saga) {
		return new SagaSummary(saga.orderId(), saga.state(), saga.verdict(), saga.stuck(), saga.createdAt(),
				saga.deadline(), saga.terminalAt(), saga.latencyMs(), saga.lastEventAt(), saga.events(),
				saga.duplicates(), saga.deadLetters(), saga.rules().stream().map(Rule::id).toList());
	}

	public static SagaSummary of(SagaReport report) {
		return new SagaSummary(report.orderId(), report.state(), report.verdict(), report.stuck(), report.createdAt(),
				report.deadline(), report.terminalAt(), report.latency() == null ? null : report.latency().toMillis(),
				report.lastEventAt(), report.events(), report.duplicates(), report.deadLetters(),
				report.rules().stream().map(Rule::id).toList());
	}

}
