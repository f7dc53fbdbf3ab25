package dev.ordersaga.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The story of one order: its events and dead letters in the order they happened, each
 * with the time since the step before.
 */
public final class SagaTimeline {

	/** The lane of records that ended in a dead-letter topic. */
	public static final String DEAD_LETTER_LANE = "dead letters";

	/** The lane of what people did (replays and discards of dead letters). */
	public static final String OPERATOR_LANE = "operator";

	private SagaTimeline() {
	}

	/**
	 * One step.
	 *
	 * @param kind {@code EVENT}, {@code DEAD_LETTER} or {@code ACTION} (a person replayed
	 * or discarded a dead letter: {@code type} {@code dead-letter.replayed} or
	 * {@code dead-letter.discarded}, {@code facts} who, which dead letter, and where a
	 * replay went)
	 * @param id {@code ce_id}, or the dead letter's position
	 * @param type {@code ce_type}
	 * @param producer the service that published it (its lane), or
	 * {@value #DEAD_LETTER_LANE}
	 * @param time when it happened
	 * @param position where it was read
	 * @param observedAt when audit-fn read it first
	 * @param traceId its W3C trace id, or {@code null}
	 * @param spanId the producer's span id, or {@code null}
	 * @param sincePrevious time since the previous step; {@code null} for the first
	 * @param copies how many records carried it (more than one: duplicates)
	 * @param facts body fields worth showing
	 * @param original for a dead letter: where the failing service read it
	 * @param reason for a dead letter: why it failed; for an action: why it was taken
	 */
	public record Entry(String kind, String id, String type, String producer, Instant time, Position position,
			Instant observedAt, String traceId, String spanId, Duration sincePrevious, int copies,
			Map<String, String> facts, Position original, String reason) {
	}

	public static List<Entry> of(List<SagaEvent> events, List<DeadLetter> deadLetters) {
		List<Entry> steps = new ArrayList<>();
		for (SagaEvent event : events) {
			steps.add(new Entry("EVENT", event.id(), event.type(), event.producer(), event.time(), event.position(),
					event.observedAt(), event.trace() == null ? null : event.trace().traceId(),
					event.trace() == null ? null : event.trace().spanId(), null, event.copies(), event.facts(), null,
					null));
		}
		for (DeadLetter letter : deadLetters) {
			steps.add(new Entry("DEAD_LETTER", letter.id(), letter.eventType(), DEAD_LETTER_LANE, letter.time(),
					letter.position(), letter.observedAt(), null, null, null, 1, Map.of(), letter.original(),
					letter.reason()));
			for (DeadLetterAction action : letter.actions()) {
				Map<String, String> facts = new LinkedHashMap<>();
				facts.put("by", action.by());
				facts.put("deadLetter", letter.id());
				if (action.replayedTo() != null) {
					facts.put("replayedTo", action.replayedTo().key());
				}
				steps.add(new Entry("ACTION", action.id(),
						"dead-letter." + action.kind().name().toLowerCase(java.util.Locale.ROOT), OPERATOR_LANE,
						action.at(), letter.position(), action.at(), null, null, null, 1, facts, letter.original(),
						action.reason()));
			}
		}
		steps.sort(Comparator.comparing(Entry::time)
			.thenComparing(Entry::observedAt)
			.thenComparing(Entry::position, Position.LOG_ORDER));
		List<Entry> timeline = new ArrayList<>(steps.size());
		Instant previous = null;
		for (Entry step : steps) {
			timeline.add(new Entry(step.kind(), step.id(), step.type(), step.producer(), step.time(), step.position(),
					step.observedAt(), step.traceId(), step.spanId(),
					previous == null ? null : Duration.between(previous, step.time()), step.copies(), step.facts(),
					step.original(), step.reason()));
			previous = step.time();
		}
		return timeline;
	}

}
