package dev.ordersaga.email.sending;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.email.sending.Mailer.Delivery;

import org.springframework.stereotype.Service;

/**
 * Sends queued e-mails and records each outcome; runs on its own thread (see
 * {@link DispatchLoop}), never on a Kafka consumer. Each send goes: claim
 * ({@code SENDING} with a lease) → SMTP → {@code SENT}, {@code FAILED} or back to
 * {@code QUEUED} with a backoff. The Message-ID is fixed before the first attempt, so the
 * one unavoidable duplicate (the server accepted, then this instance died before
 * recording it: the lease lapses and the e-mail is sent again) carries the same
 * Message-ID and mail clients show it once.
 */
@Service
public class EmailDispatcher {

	private static final Logger log = LoggerFactory.getLogger(EmailDispatcher.class);

	private final Emails emails;

	private final Addressing addressing;

	private final Mailer mailer;

	private final EmailMetrics metrics;

	private final EmailProperties properties;

	private final Clock clock;

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
	 * One pass: moves waiting e-mails on (their contact may have arrived, or their wait
	 * ended), then sends what is due.
	 * @return how many e-mails were sent
	 */
	public int dispatch() {
		sweepWaiting();
		return sendDue();
	}

	/**
	 * Catches the e-mails no profile or link event released: those whose contact arrived
	 * while they were being stored, and those that waited long enough.
	 */
	void sweepWaiting() {
		for (Email waiting : emails.findWaiting(properties.dispatch().batchSize())) {
			addressing.advance(waiting, clock.instant());
		}
	}

	/**
	 * Sends due e-mails, oldest first, until none is due or the server turns out
	 * unavailable: then the rest wait for the next pass instead of each hitting a server
	 * that is down.
	 */
	int sendDue() {
		int sent = 0;
		Optional<Email> claimed;
		while ((claimed = claim()).isPresent()) {
			Email sending = claimed.get();
			Delivery delivery = mailer.send(sending);
			Instant now = clock.instant();
			Email next = switch (delivery) {
				case Delivery.Accepted accepted -> sending.sent(accepted.attempts(), now);
				case Delivery.Rejected rejected -> sending.rejected(rejected.attempts(), rejected.detail(), now);
				case Delivery.Unavailable unavailable ->
					sending.unavailable(unavailable.attempts(), unavailable.detail(), now, properties.retry());
			};
			if (!emails.update(sending, next)) {
				log.warn("{} e-mail of order {} changed while this dispatcher was sending it (lease of {} lapsed?)",
						sending.kind(), sending.orderId(), properties.dispatch().lease());
			}
			else {
				story(next);
				metrics.stepped(next);
				sent += next.status() == EmailStatus.SENT ? 1 : 0;
			}
			if (delivery instanceof Delivery.Unavailable) {
				break;
			}
		}
		return sent;
	}

	private Optional<Email> claim() {
		Instant now = clock.instant();
		return emails.claimNextDue(now, now.plus(properties.dispatch().lease()));
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

}
