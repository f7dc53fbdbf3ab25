package dev.ordersaga.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the audit knows about one order: its state, its verdict and the rules it broke,
 * derived from nothing but its stored events and dead letters (so it can be recomputed at
 * any time, e.g. after a restart).
 *
 * @param orderId the order
 * @param state lifecycle state by order-fn's events
 * @param verdict the judgement
 * @param stuck not terminal although its deadline plus grace has passed
 * @param createdAt placement time, when {@code order.created.v1} was seen
 * @param deadline by when it must be terminal: {@code payBy}, else placement +
 * {@code saga.audit.deadline}; {@code null} while unknown
 * @param terminalAt when it became COMPLETED or CANCELLED
 * @param latency placement to terminal state (end-to-end latency)
 * @param firstEventAt time of its earliest event
 * @param lastEventAt time of its latest event or dead letter
 * @param events number of different events
 * @param duplicates extra copies of its events that were delivered (not an error)
 * @param deadLetters records of the order in dead-letter topics
 * @param findings broken rules, at most one per rule, in rule order
 * @param traceIds the W3C trace ids its events carried, in order of first appearance
 * @param nextCheckAt when the verdict may change without a new event (a deadline or a
 * grace period ends); {@code null} when only a new event can change it
 */
public record SagaReport(String orderId, SagaState state, Verdict verdict, boolean stuck, Instant createdAt,
		Instant deadline, Instant terminalAt, Duration latency, Instant firstEventAt, Instant lastEventAt, int events,
		int duplicates, int deadLetters, List<Finding> findings, List<String> traceIds, Instant nextCheckAt) {

	public SagaReport {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(verdict, "verdict");
		findings = List.copyOf(findings);
		traceIds = List.copyOf(traceIds);
	}

	/** Running and still within its deadline. */
	public boolean inFlight() {
		return (state == SagaState.PENDING || state == SagaState.APPROVED) && !stuck;
	}

	public List<Rule> rules() {
		return findings.stream().map(Finding::rule).toList();
	}

}
