package dev.ordersaga.audit;

import java.time.Clock;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Records what arrives and keeps each saga's report current: store the record once, then
 * recompute the saga's report from all its stored records and store it with a
 * version-conditional write. Recomputing (instead of applying a delta) makes the report
 * correct whatever order, however often and after whatever crash the records arrive.
 */
@Service
public class SagaAuditing {

	private static final Logger log = LoggerFactory.getLogger(SagaAuditing.class);

	/**
	 * Concurrent writers of one saga are rare (two topics at once); a few rounds settle
	 * it.
	 */
	private static final int WRITE_ATTEMPTS = 20;

	private final AuditLog auditLog;

	private final Sagas sagas;

	private final SagaAudit audit;

	private final AuditObserver observer;

	private final Clock clock;

	public SagaAuditing(AuditLog auditLog, Sagas sagas, AuditProperties properties, AuditObserver observer,
			Clock clock) {
		this.auditLog = auditLog;
		this.sagas = sagas;
		this.audit = new SagaAudit(properties.policy());
		this.observer = observer;
		this.clock = clock;
	}

	public void record(SagaEvent event) {
		AuditLog.Recorded outcome = auditLog.record(event);
		observer.eventRecorded(event, outcome);
		if (outcome == AuditLog.Recorded.DUPLICATE) {
			log.info("Duplicate delivery of {} {} for order {} at {}", event.type(), event.id(), event.orderId(),
					event.position());
		}
		// also for a redelivered record: the crash that caused the redelivery may have
		// come before the saga was updated
		refresh(event.orderId());
	}

	public void record(DeadLetter deadLetter) {
		AuditLog.Recorded outcome = auditLog.record(deadLetter);
		observer.deadLetterRecorded(deadLetter, outcome);
		if (outcome == AuditLog.Recorded.NEW) {
			log.warn("Dead letter {} for order {} (from {}): {}", deadLetter.position(), deadLetter.orderId(),
					deadLetter.original(), deadLetter.reason());
		}
		if (deadLetter.orderId() != null) {
			refresh(deadLetter.orderId());
		}
	}

	/** Recomputes one saga's report and stores it if it changed. */
	public Optional<SagaReport> refresh(String orderId) {
		for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
			Optional<Sagas.Stored> stored = sagas.find(orderId);
			List<SagaEvent> events = auditLog.events(orderId);
			List<DeadLetter> deadLetters = auditLog.deadLetters(orderId);
			if (events.isEmpty() && deadLetters.isEmpty()) {
				return Optional.empty();
			}
			SagaReport report = audit.evaluate(orderId, events, deadLetters, clock.instant());
			Optional<SagaReport> before = stored.map(Sagas.Stored::report);
			if (before.filter(report::equals).isPresent()) {
				return before;
			}
			if (sagas.save(report, stored.map(Sagas.Stored::version).orElse(null))) {
				if (!report.findings().isEmpty()
						&& !before.map(SagaReport::findings).orElse(List.of()).equals(report.findings())) {
					log.warn("Saga {} is {}: {}", orderId, report.verdict(),
							report.findings()
								.stream()
								.map(finding -> finding.rule().id() + " (" + finding.message() + ")")
								.toList());
				}
				observer.sagaChanged(before, report);
				return Optional.of(report);
			}
		}
		throw new ConcurrentModificationException("Saga " + orderId + " kept changing while it was audited");
	}

	/** Judges again the sagas whose deadline or grace period ended. */
	public int recheckDue() {
		int checked = 0;
		List<String> due;
		do {
			due = sagas.dueForCheck(clock.instant(), 200);
			due.forEach(this::refresh);
			checked += due.size();
		}
		while (due.size() == 200 && checked < 10_000);
		return checked;
	}

}
