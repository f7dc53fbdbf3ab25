package dev.ordersaga.audit.web;

import java.time.Instant;
import java.util.List;

import dev.ordersaga.audit.DeadLetter;
import dev.ordersaga.audit.DeadLetterAction;
import dev.ordersaga.audit.Position;
import dev.ordersaga.audit.Rule;
import dev.ordersaga.audit.SagaReport;
import dev.ordersaga.audit.SagaState;
import dev.ordersaga.audit.SagaTimeline;
import dev.ordersaga.audit.Verdict;

/**
 * One dead letter in {@code GET /dead-letters}, with its order's saga.
 *
 * @param id its id: its position in the dead-letter topic, {@code topic/partition/offset}
 * @param topic the dead-letter topic
 * @param partition its partition there
 * @param offset its offset there
 * @param original where the failing service read it: topic, partition, offset
 * @param key the record key
 * @param orderId the order it belongs to, or {@code null} (a topic not keyed by order)
 * @param type its {@code ce_type}
 * @param eventId its {@code ce_id}
 * @param reason why it failed ({@code x-exception-message})
 * @param exceptionType the failure's class ({@code x-exception-fqcn})
 * @param deadLetteredAt when it was dead-lettered
 * @param status {@code OPEN}, {@code REPLAYED} or {@code DISCARDED}
 * @param replayOf the dead letter this one is a failed replay of, or {@code null}
 * @param actions who replayed or discarded it, when, why, and where a replay went
 * @param saga its order's saga: state, verdict, broken rules and timeline; {@code null}
 * when it belongs to no order or the order is not known
 */
record DeadLetterView(String id, String topic, int partition, long offset, Position original, String key,
		String orderId, String type, String eventId, String reason, String exceptionType, Instant deadLetteredAt,
		String status, String replayOf, List<ActionView> actions, SagaContext saga) {

	static DeadLetterView of(DeadLetter letter, SagaContext saga) {
		return new DeadLetterView(letter.id(), letter.position().topic(), letter.position().partition(),
				letter.position().offset(), letter.original(), letter.key(), letter.orderId(), letter.eventType(),
				letter.eventId(), letter.reason(), letter.exceptionType(), letter.time(), status(letter),
				letter.replayOf(), letter.actions().stream().map(ActionView::of).toList(), saga);
	}

	static String status(DeadLetter letter) {
		return letter.discarded() ? "DISCARDED" : letter.replayed() ? "REPLAYED" : "OPEN";
	}

	/**
	 * @param kind {@code REPLAYED} or {@code DISCARDED}
	 * @param by who
	 * @param at when
	 * @param reason why
	 * @param replayedTo where the replayed record landed ({@code topic/partition/offset})
	 */
	record ActionView(String kind, String by, Instant at, String reason, String replayedTo) {

		static ActionView of(DeadLetterAction action) {
			return new ActionView(action.kind().name(), action.by(), action.at(), action.reason(),
					action.replayedTo() == null ? null : action.replayedTo().key());
		}
	}

	/**
	 * @param orderId the order
	 * @param state its lifecycle state
	 * @param verdict the audit's verdict
	 * @param rules ids of the rules it breaks
	 * @param timeline its events, dead letters and the actions taken on them
	 */
	record SagaContext(String orderId, SagaState state, Verdict verdict, List<String> rules,
			List<SagaView.Step> timeline) {

		static SagaContext of(SagaReport report, List<SagaTimeline.Entry> timeline) {
			return new SagaContext(report.orderId(), report.state(), report.verdict(),
					report.rules().stream().map(Rule::id).toList(), timeline.stream().map(SagaView.Step::of).toList());
		}
	}

}
