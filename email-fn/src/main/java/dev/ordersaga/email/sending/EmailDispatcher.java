package dev.ordersaga.email.sending;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.email.sending.Mailer.Delivery;
import dev.ordersaga.support.logging.SagaLogContext;

import org.springframework.stereotype.Service;

/**
 * Moves one e-mail on when the {@link DispatchLoop} says it is time: sends a due one, or
 * addresses (or gives up) a waiting one. Runs on the loop's sender threads, never on a
 * Kafka consumer. Each send goes: claim by id ({@code SENDING} with a lease,
 * version-conditional) → SMTP → {@code SENT}, {@code FAILED} or back to {@code QUEUED}
 * with a backoff. The Message-ID is fixed before the first attempt, so the one
 * unavoidable duplicate (the server accepted, then this instance died before recording
 * it: the lease lapses and the e-mail is sent again) carries the same Message-ID and mail
 * clients show it once.
 * <p>
 * While the server is down, one send at a time probes it; the other due e-mails are
 * rescheduled with their backoff without an SMTP attempt (and given up once their budget
 * is spent), so a backlog neither hammers a server that is down nor waits in line to
 * expire.
 */
@Service
public class EmailDispatcher {

	private static final Logger log = LoggerFactory.getLogger(EmailDispatcher.class);

	/** MDC key of the e-mail's kind, next to {@code orderId}, while it is dispatched. */
	static final String EMAIL_KIND = "emailKind";

	private final Emails emails;

	private final Addressing addressing;

	private final Mailer mailer;

	private final EmailMetrics metrics;

	private final EmailProperties properties;

	private final Clock clock;

	/**
	 * The last unavailable send while the server is down; {@code null} while it is up.
	 */
	private final AtomicReference<Outage> outage = new AtomicReference<>();

	private final AtomicBoolean probing = new AtomicBoolean();

	public EmailDispatcher(Emails emails, Addressing addressing, Mailer mailer, EmailMetrics metrics,
			EmailProperties properties, Clock clock) {
		this.emails = emails;
		this.addressing = addressing;
		this.mailer = mailer;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Does what is due for the e-mail: sends it, or moves it on from waiting.
	 * @return its stored next state when this call changed it, else empty (not due yet,
	 * final, or another dispatcher holds it)
	 */
	public Optional<Email> step(String id) {
		Optional<Email> found = emails.findById(id);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Email email = found.get();
		try (SagaLogContext context = SagaLogContext.order(email.orderId().toString())
			.with(EMAIL_KIND, email.kind().name())) {
			Instant now = clock.instant();
			if (email.status() == EmailStatus.WAITING_FOR_CONTACT) {
				return addressing.advance(email, now);
			}
			if (!email.dueAt(now)) {
				return Optional.empty();
			}
			return emails.claim(email, now.plus(properties.dispatch().lease())).flatMap(this::send);
		}
	}

	/** E-mails a dispatcher should have handled by now but may have lost. */
	public List<Email> overdue() {
		return emails.findOverdue(clock.instant(), properties.dispatch().batchSize());
	}

	/**
	 * E-mails a dispatcher is to handle before the next sweep: overdue ones, and those
	 * whose retry or end of wait comes before {@code saga.email.dispatch.interval} is
	 * over, whose timers may have been lost with a restart.
	 */
	public List<Email> dueBeforeNextSweep() {
		return emails.findOverdue(clock.instant().plus(properties.dispatch().interval()),
				properties.dispatch().batchSize());
	}

	private Optional<Email> send(Email sending) {
		Outage down = outage.get();
		boolean probe = down != null && !clock.instant().isBefore(down.probeAt()) && probing.compareAndSet(false, true);
		if (down != null && !probe) {
			return record(sending, sending.unavailable(0, down.detail(), clock.instant(), properties.retry()));
		}
		try {
			Delivery delivery = mailer.send(sending);
			Instant now = clock.instant();
			if (delivery instanceof Delivery.Unavailable unavailable) {
				outage.set(new Outage(unavailable.detail(), now.plus(properties.retry().initialBackoff())));
			}
			else if (outage.getAndSet(null) != null) {
				log.info("SMTP server answers again; sending the backlog");
			}
			return record(sending, switch (delivery) {
				case Delivery.Accepted accepted -> sending.sent(accepted.attempts(), now);
				case Delivery.Rejected rejected -> sending.rejected(rejected.attempts(), rejected.detail(), now);
				case Delivery.Unavailable unavailable ->
					sending.unavailable(unavailable.attempts(), unavailable.detail(), now, properties.retry());
			});
		}
		finally {
			if (probe) {
				probing.set(false);
			}
		}
	}

	private Optional<Email> record(Email sending, Email next) {
		if (!emails.update(sending, next)) {
			log.warn("{} e-mail of order {} changed while this dispatcher was sending it (lease of {} lapsed?)",
					sending.kind(), sending.orderId(), properties.dispatch().lease());
			return Optional.empty();
		}
		story(next);
		metrics.stepped(next);
		return Optional.of(next.withVersion(sending.version() + 1));
	}

	private static void story(Email email) {
		switch (email.status()) {
			case SENT -> log.info("{} e-mail of order {} sent to {} as {} after {} attempt(s)", email.kind(),
					email.orderId(), Addressing.masked(email.mail().to()), email.messageId(), email.attempts());
			case QUEUED -> log.warn("{} e-mail of order {}: SMTP unavailable after {} attempt(s) ({}); next try at {}",
					email.kind(), email.orderId(), email.attempts(), email.lastError(), email.nextAttemptAt());
			case FAILED -> log.warn("{} e-mail of order {} failed ({}) after {} attempt(s): {}", email.kind(),
					email.orderId(), email.failureReason(), email.attempts(), email.failureDetail());
			case WAITING_FOR_CONTACT, SENDING -> {
			}
		}
	}

	/**
	 * The server was found unavailable; the next real attempt (one probe) is not made
	 * before {@code probeAt}.
	 */
	private record Outage(String detail, Instant probeAt) {
	}

}
