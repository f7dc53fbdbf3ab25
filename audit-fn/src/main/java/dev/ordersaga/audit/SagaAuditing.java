package dev.ordersaga.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Records what arrives and keeps each saga's report current: read the order's saga
 * document by its key, add the record to it unless it is there already, recompute the
 * report from all the order's records and store both with one version-conditional write.
 * Recomputing (instead of applying a delta) makes the report correct whatever order,
 * however often and after whatever crash the records arrive; keeping the records on the
 * saga makes the cost of an event independent of how many are stored.
 */
@Service
public class SagaAuditing {

	private static final Logger log = LoggerFactory.getLogger(SagaAuditing.class);

	/**
	 * Concurrent writers of one saga are rare (two topics at once); a few rounds settle
	 * it.
	 */
	private static final int WRITE_ATTEMPTS = 20;

	/** Sagas judged again per sweep at most; the rest wait for the next one. */
	private static final int SWEEP_LIMIT = 10_000;

	private final AuditLog auditLog;

	private final Sagas sagas;

	private final SagaIndex index;

	private final SagaAudit audit;

	private final AuditObserver observer;

	private final ReadHorizon horizon;

	private final Clock clock;

	public SagaAuditing(AuditLog auditLog, Sagas sagas, SagaIndex index, AuditProperties properties,
			AuditObserver observer, ReadHorizon horizon, Clock clock) {
		this.auditLog = auditLog;
		this.sagas = sagas;
		this.index = index;
		this.audit = new SagaAudit(properties.policy());
		this.observer = observer;
		this.horizon = horizon;
		this.clock = clock;
	}

	public void record(SagaEvent event) {
		AuditLog.Recorded outcome = update(event.orderId(), stored -> add(stored, event));
		observer.eventRecorded(event, outcome);
		if (outcome == AuditLog.Recorded.DUPLICATE) {
			log.info("Duplicate delivery of {} {} for order {} at {}", event.type(), event.id(), event.orderId(),
					event.position());
		}
	}

	public void record(DeadLetter deadLetter) {
		AuditLog.Recorded outcome = auditLog.record(deadLetter);
		if (outcome == AuditLog.Recorded.NEW) {
			index.deadLetterStored(deadLetter.position().topic());
			log.warn("Dead letter {} for order {} (from {}): {}", deadLetter.position(), deadLetter.orderId(),
					deadLetter.original(), deadLetter.reason());
		}
		observer.deadLetterRecorded(deadLetter, outcome);
		if (deadLetter.orderId() != null) {
			// also for a redelivered record: the crash that caused the redelivery may
			// have
			// come before the saga was updated
			update(deadLetter.orderId(), stored -> add(stored, deadLetter));
		}
	}

	/**
	 * A person acted on one of the order's dead letters: the saga keeps the dead letter
	 * with its actions (added if the saga did not hold it yet) and is judged again.
	 */
	public void acted(DeadLetter deadLetter) {
		update(deadLetter.orderId(), stored -> {
			List<DeadLetter> deadLetters = new ArrayList<>(stored.deadLetters());
			deadLetters.removeIf(known -> known.id().equals(deadLetter.id()));
			deadLetters.add(deadLetter);
			return new Change(stored.events(), deadLetters, AuditLog.Recorded.NEW);
		});
	}

	/** Recomputes one saga's report and stores it if it changed. */
	public Optional<SagaReport> refresh(String orderId) {
		update(orderId, stored -> new Change(stored.events(), stored.deadLetters(), AuditLog.Recorded.REDELIVERED));
		return sagas.find(orderId).map(Sagas.Stored::report);
	}

	/** Judges again the sagas whose deadline, grace period or awaited read has come. */
	public int recheckDue() {
		Instant now = clock.instant();
		Instant read = SagaEventTypes.TOPICS.stream()
			.map(horizon::readThrough)
			.min(Instant::compareTo)
			.orElse(Instant.MIN);
		List<String> due = index.dueForCheck(read.isBefore(now) ? read : now, SWEEP_LIMIT);
		due.forEach(orderId -> update(orderId,
				stored -> new Change(stored.events(), stored.deadLetters(), AuditLog.Recorded.REDELIVERED)));
		return due.size();
	}

	/** The records of a saga after a record was added, and what adding it did. */
	private record Change(List<SagaEvent> events, List<DeadLetter> deadLetters, AuditLog.Recorded outcome) {
	}

	private interface Adding {

		Change apply(Sagas.Stored stored);

	}

	private AuditLog.Recorded update(String orderId, Adding adding) {
		for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
			Optional<Sagas.Stored> stored = sagas.find(orderId);
			Change change = adding.apply(stored.orElseGet(() -> new Sagas.Stored(null, -1, List.of(), List.of())));
			if (change.events().isEmpty() && change.deadLetters().isEmpty()) {
				return change.outcome();
			}
			SagaReport report = audit.evaluate(orderId, change.events(), change.deadLetters(), clock.instant(),
					horizon);
			Optional<SagaReport> before = stored.map(Sagas.Stored::report);
			if (change.outcome() == AuditLog.Recorded.REDELIVERED && before.filter(report::equals).isPresent()) {
				return change.outcome();
			}
			Optional<Long> version = sagas.save(report, change.events(), change.deadLetters(),
					stored.map(Sagas.Stored::version).orElse(null));
			if (version.isPresent()) {
				index.update(report, version.get());
				if (!report.findings().isEmpty()
						&& !before.map(SagaReport::findings).orElse(List.of()).equals(report.findings())) {
					log.warn("Saga {} is {}: {}", orderId, report.verdict(),
							report.findings()
								.stream()
								.map(finding -> finding.rule().id() + " (" + finding.message() + ")")
								.toList());
				}
				if (before.filter(report::equals).isEmpty()) {
					observer.sagaChanged(before, report);
				}
				return change.outcome();
			}
		}
		throw new ConcurrentModificationException("Saga " + orderId + " kept changing while it was audited");
	}

	/**
	 * The event added to the saga: new, another record of a stored event (a duplicate
	 * delivery), or a record already on it (read again).
	 */
	private static Change add(Sagas.Stored stored, SagaEvent event) {
		List<SagaEvent> events = new ArrayList<>(stored.events());
		for (int i = 0; i < events.size(); i++) {
			SagaEvent known = events.get(i);
			if (known.id().equals(event.id())) {
				if (known.positions().contains(event.position().key())) {
					return new Change(events, stored.deadLetters(), AuditLog.Recorded.REDELIVERED);
				}
				events.set(i, known.withCopyAt(event.position()));
				return new Change(events, stored.deadLetters(), AuditLog.Recorded.DUPLICATE);
			}
		}
		events.add(event);
		return new Change(events, stored.deadLetters(), AuditLog.Recorded.NEW);
	}

	private static Change add(Sagas.Stored stored, DeadLetter deadLetter) {
		if (stored.deadLetters().stream().anyMatch(known -> known.id().equals(deadLetter.id()))) {
			return new Change(stored.events(), stored.deadLetters(), AuditLog.Recorded.REDELIVERED);
		}
		List<DeadLetter> deadLetters = new ArrayList<>(stored.deadLetters());
		deadLetters.add(deadLetter);
		return new Change(stored.events(), deadLetters, AuditLog.Recorded.NEW);
	}

}
