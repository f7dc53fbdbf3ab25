package dev.ordersaga.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * What a person can do with a dead letter: replay it to the topic it failed on, or
 * discard it with a reason. Every action is recorded on the dead letter (who, when, why,
 * where a replay went) and on its order's saga, whose timeline shows it and whose verdict
 * counts only the dead letters nobody dealt with yet.
 * <p>
 * Replaying is safe to repeat: the record keeps its {@code ce_id} and every consumer is
 * idempotent by it, so a second replay of a record that was handled changes nothing. A
 * record that is still poison fails again and comes back as a new dead letter that names
 * the one it replays.
 */
@Service
public class DeadLetterOperations {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterOperations.class);

	/** Most dead letters one bulk replay republishes. */
	public static final int BULK_LIMIT = 100;

	private final DeadLetterStore store;

	private final RecordReplay replay;

	private final SagaAuditing auditing;

	private final AuditObserver observer;

	private final Clock clock;

	public DeadLetterOperations(DeadLetterStore store, RecordReplay replay, SagaAuditing auditing,
			AuditObserver observer, Clock clock) {
		this.store = store;
		this.replay = replay;
		this.auditing = auditing;
		this.observer = observer;
		this.clock = clock;
	}

	/**
	 * Republishes one dead letter's record to its original topic and records it.
	 * @param by who replays it
	 * @param note why, optional
	 * @throws NoSuchElementException no dead letter with this id
	 * @throws RefusedException it was discarded
	 * @throws RecordReplay.RecordGoneException the dead-letter topic no longer has it
	 */
	public DeadLetter replay(String id, String by, String note) {
		DeadLetter letter = known(id);
		if (letter.discarded()) {
			throw new RefusedException("Dead letter " + id + " was discarded; it is not replayed");
		}
		return replay(letter, by, note);
	}

	/**
	 * Replays every open dead letter (neither replayed nor discarded) that matches the
	 * filter, oldest first, at most {@link #BULK_LIMIT}.
	 * @return the dead letters replayed, with their new action
	 */
	public List<DeadLetter> replay(DeadLetterFilter filter, String by, String note) {
		List<DeadLetter> replayed = new ArrayList<>();
		for (DeadLetter letter : store.open(filter, BULK_LIMIT)) {
			replayed.add(replay(letter, by, note));
		}
		return replayed;
	}

	/**
	 * Sets a dead letter aside for good, with the reason.
	 * @throws NoSuchElementException no dead letter with this id
	 * @throws RefusedException it was discarded already
	 */
	public DeadLetter discard(String id, String by, String reason) {
		if (reason == null || reason.isBlank()) {
			throw new IllegalArgumentException("a discard needs a reason");
		}
		DeadLetter letter = known(id);
		if (letter.discarded()) {
			throw new RefusedException("Dead letter " + id + " was discarded already");
		}
		DeadLetter discarded = record(letter, new DeadLetterAction(UUID.randomUUID().toString(),
				DeadLetterAction.Kind.DISCARDED, by, clock.instant(), reason.strip(), null));
		log.info("Dead letter {} (order {}) discarded by {}: {}", id, letter.orderId(), by, reason);
		return discarded;
	}

	private DeadLetter replay(DeadLetter letter, String by, String note) {
		Position to = replay.replay(letter, by);
		DeadLetter replayed = record(letter,
				new DeadLetterAction(UUID.randomUUID().toString(), DeadLetterAction.Kind.REPLAYED, by, clock.instant(),
						note == null || note.isBlank() ? null : note.strip(), to));
		log.info("Dead letter {} (order {}, {} {}) replayed by {} to {}", letter.id(), letter.orderId(),
				letter.eventType(), letter.eventId(), by, to);
		return replayed;
	}

	private DeadLetter record(DeadLetter letter, DeadLetterAction action) {
		DeadLetter acted = store.act(letter.id(), action).orElseThrow(() -> unknown(letter.id()));
		observer.deadLetterActed(acted, action);
		if (acted.orderId() != null) {
			auditing.acted(acted);
		}
		return acted;
	}

	private DeadLetter known(String id) {
		return store.find(id).orElseThrow(() -> unknown(id));
	}

	private static NoSuchElementException unknown(String id) {
		return new NoSuchElementException("No dead letter " + id);
	}

	/** The action does not apply to the dead letter as it is (it was discarded). */
	public static class RefusedException extends RuntimeException {

		RefusedException(String message) {
			super(message);
		}

	}

}
