package dev.ordersaga.audit.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ordersaga.audit.Evidence;
import dev.ordersaga.audit.Finding;
import dev.ordersaga.audit.Position;
import dev.ordersaga.audit.SagaReport;
import dev.ordersaga.audit.SagaState;
import dev.ordersaga.audit.SagaTimeline;
import dev.ordersaga.audit.Verdict;

/**
 * {@code GET /sagas/{orderId}}: the saga's verdict and its whole timeline.
 *
 * @param orderId the order
 * @param state lifecycle state
 * @param verdict {@code CONSISTENT}, {@code IN_PROGRESS} or {@code VIOLATED}
 * @param stuck not terminal past its deadline plus grace
 * @param inFlight running within its deadline
 * @param createdAt placement time, if seen
 * @param deadline by when it must be terminal, if known
 * @param terminalAt when it became terminal
 * @param latencyMs placement to terminal state
 * @param events different events
 * @param duplicates extra copies delivered (not an error)
 * @param deadLetters records in dead-letter topics
 * @param findings the rules it broke, each with its evidence
 * @param traceIds W3C trace ids of its events
 * @param nextCheckAt when it will be judged again without a new event
 * @param timeline every event and dead letter in the order they happened
 */
record SagaView(String orderId, SagaState state, Verdict verdict, boolean stuck, boolean inFlight, Instant createdAt,
		Instant deadline, Instant terminalAt, Long latencyMs, int events, int duplicates, int deadLetters,
		List<FindingView> findings, List<String> traceIds, Instant nextCheckAt, List<Step> timeline) {

	static SagaView of(SagaReport report, List<SagaTimeline.Entry> timeline) {
		return new SagaView(report.orderId(), report.state(), report.verdict(), report.stuck(), report.inFlight(),
				report.createdAt(), report.deadline(), report.terminalAt(),
				report.latency() == null ? null : report.latency().toMillis(), report.events(), report.duplicates(),
				report.deadLetters(), report.findings().stream().map(FindingView::of).toList(), report.traceIds(),
				report.nextCheckAt(), timeline.stream().map(Step::of).toList());
	}

	/**
	 * @param rule the rule's id, e.g. {@code multiple-charges}
	 * @param description what the rule demands
	 * @param message what this saga did
	 * @param evidence the records that show it
	 */
	record FindingView(String rule, String description, String message, List<Evidence> evidence) {

		static FindingView of(Finding finding) {
			return new FindingView(finding.rule().id(), finding.rule().description(), finding.message(),
					finding.evidence());
		}
	}

	/**
	 * One step of the timeline.
	 *
	 * @param kind {@code EVENT} or {@code DEAD_LETTER}
	 * @param id {@code ce_id} (a dead letter: its position)
	 * @param type {@code ce_type}
	 * @param producer the service that published it; its swimlane
	 * @param time when it happened
	 * @param topic where it was read
	 * @param partition its partition
	 * @param offset its offset
	 * @param observedAt when audit-fn first read it
	 * @param traceId W3C trace id
	 * @param spanId the producer's span id
	 * @param sincePreviousMs milliseconds since the previous step
	 * @param copies records that carried it (more than one: duplicate delivery)
	 * @param facts body fields worth showing
	 * @param original for a dead letter: where the failing service had read it
	 * @param reason for a dead letter: why it failed
	 */
	record Step(String kind, String id, String type, String producer, Instant time, String topic, int partition,
			long offset, Instant observedAt, String traceId, String spanId, Long sincePreviousMs, int copies,
			Map<String, String> facts, Position original, String reason) {

		static Step of(SagaTimeline.Entry entry) {
			return new Step(entry.kind(), entry.id(), entry.type(), entry.producer(), entry.time(),
					entry.position().topic(), entry.position().partition(), entry.position().offset(),
					entry.observedAt(), entry.traceId(), entry.spanId(),
					entry.sincePrevious() == null ? null : entry.sincePrevious().toMillis(), entry.copies(),
					entry.facts(), entry.original(), entry.reason());
		}
	}

}
