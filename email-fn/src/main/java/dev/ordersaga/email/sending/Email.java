package dev.ordersaga.email.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.ordersaga.email.CustomerId;
import dev.ordersaga.email.OrderId;
import dev.ordersaga.email.sending.EmailEvent.EmailFailed;
import dev.ordersaga.email.sending.EmailEvent.EmailSent;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One entry of the mail log: the e-mail of one kind for one order. Its id is
 * {@code orderId:kind}, so the unique {@code _id} makes "at most one e-mail of each kind
 * per order" hold however often the request is redelivered. Immutable: every step returns
 * a new entry; see {@link EmailStatus} for the life cycle.
 *
 * @param customerId the recipient's customer, once known
 * @param messageId the Message-ID header, fixed at the request: a resend after a crash
 * carries the same one, so mail clients show it once
 * @param mail the addressed and rendered message, once the contact is known
 * @param attempts SMTP attempts so far, short Resilience4j retries included
 * @param retries sends that found the server unavailable and were rescheduled; drives the
 * backoff
 * @param lastError the latest SMTP failure, for operators
 * @param requestedAt when the request arrived
 * @param waitUntil while {@code WAITING_FOR_CONTACT}: when to give up waiting
 * @param queuedAt when the e-mail was composed; its Date header and the start of the
 * retry budget
 * @param nextAttemptAt while {@code QUEUED}: when it is due
 * @param leaseUntil while {@code SENDING}: until when the claiming dispatcher owns it
 */
@Document("emails")
@CompoundIndex(name = "due", def = "{'status': 1, 'nextAttemptAt': 1}")
@CompoundIndex(name = "lease", def = "{'status': 1, 'leaseUntil': 1}")
@CompoundIndex(name = "waiting", def = "{'status': 1, 'waitUntil': 1}")
@CompoundIndex(name = "waiting_customer", def = "{'status': 1, 'customerId': 1}")
// Redundant on MongoDB, where _id alone finds the entry. The embedded store of tests
// and devstack uses an index only for a query naming exactly its fields: without this
// one, every version-conditional step would scan the whole mail log.
@CompoundIndex(name = "id_version", def = "{'_id': 1, 'version': 1}", unique = true)
public record Email(@Id String id, @Indexed OrderId orderId, EmailKind kind, CustomerId customerId, EmailStatus status,
		String messageId, MailFacts facts, ComposedMail mail, int attempts, int retries, String lastError,
		FailureReason failureReason, String failureDetail, Instant requestedAt, Instant waitUntil, Instant queuedAt,
		Instant nextAttemptAt, Instant leaseUntil, Instant sentAt, Instant failedAt, @Version Long version) {

	public Email {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(messageId, "messageId");
	}

	public static String idOf(OrderId orderId, EmailKind kind) {
		return orderId + ":" + kind;
	}

	/**
	 * The Message-ID of the order's e-mail of this kind: the same on every instance,
	 * every (re)send.
	 */
	public static String messageIdOf(OrderId orderId, EmailKind kind, String domain) {
		return "<" + orderId + "." + kind.slug() + "@" + domain + ">";
	}

	/**
	 * A new request, waiting for its recipient until {@link #address} gives it one.
	 * @param customerId the customer if the requesting event named it, else {@code null}
	 */
	public static Email request(OrderId orderId, EmailKind kind, CustomerId customerId, MailFacts facts,
			String messageIdDomain, Instant now, Duration contactWait) {
		return new Email(idOf(orderId, kind), orderId, kind, customerId, EmailStatus.WAITING_FOR_CONTACT,
				messageIdOf(orderId, kind, messageIdDomain), facts, null, 0, 0, null, null, null, now,
				now.plus(contactWait), null, null, null, null, null, null);
	}

	public Email forCustomer(CustomerId customer) {
		requireStatus(EmailStatus.WAITING_FOR_CONTACT);
		return Objects.equals(customer, customerId) ? this : change().customerId(customer).build();
	}

	/**
	 * Whether a dispatcher may claim it now: queued and due, or left sending by a
	 * dispatcher whose lease lapsed.
	 */
	public boolean dueAt(Instant now) {
		return switch (status) {
			case QUEUED -> !nextAttemptAt.isAfter(now);
			case SENDING -> leaseUntil == null || leaseUntil.isBefore(now);
			case WAITING_FOR_CONTACT, SENT, FAILED -> false;
		};
	}

	/**
	 * When the dispatcher should look at it next: when it is due, when its lease lapses,
	 * or when its wait for the contact ends; empty once final.
	 */
	public Optional<Instant> nextCheckAt() {
		return switch (status) {
			case QUEUED -> Optional.of(nextAttemptAt);
			case SENDING -> Optional.ofNullable(leaseUntil);
			case WAITING_FOR_CONTACT -> Optional.ofNullable(waitUntil);
			case SENT, FAILED -> Optional.empty();
		};
	}

	public boolean waitedTooLong(Instant now) {
		return status == EmailStatus.WAITING_FOR_CONTACT && !now.isBefore(waitUntil);
	}

	/** The recipient is known and the message rendered: due at once. */
	public Email queue(ComposedMail composed, Instant now) {
		requireStatus(EmailStatus.WAITING_FOR_CONTACT);
		return change().status(EmailStatus.QUEUED)
			.mail(composed)
			.waitUntil(null)
			.queuedAt(now)
			.nextAttemptAt(now)
			.build();
	}

	/** Fails before any SMTP attempt: no usable recipient. */
	public Email undeliverable(FailureReason reason, String detail, Instant now) {
		requireStatus(EmailStatus.WAITING_FOR_CONTACT);
		return change().waitUntil(null).fail(reason, detail, now).build();
	}

	/**
	 * A dispatcher took the e-mail and is about to send it; nobody else sends it before
	 * {@code leaseUntil}.
	 */
	public Email claim(Instant leaseUntil) {
		if (status != EmailStatus.QUEUED && status != EmailStatus.SENDING) {
			throw new IllegalStateException("E-mail " + id + " is " + status + ", not due");
		}
		return change().status(EmailStatus.SENDING).leaseUntil(leaseUntil).build();
	}

	public Email sent(int newAttempts, Instant now) {
		requireStatus(EmailStatus.SENDING);
		return change().status(EmailStatus.SENT)
			.attempts(attempts + newAttempts)
			.leaseUntil(null)
			.nextAttemptAt(null)
			.sentAt(now)
			.build();
	}

	public Email rejected(int newAttempts, String detail, Instant now) {
		requireStatus(EmailStatus.SENDING);
		return change().attempts(attempts + newAttempts)
			.lastError(detail)
			.fail(FailureReason.REJECTED, detail, now)
			.build();
	}

	/**
	 * The server could not be reached (or answered 4xx): try again after a growing
	 * backoff, the last time when the retry budget ends, then fail.
	 */
	public Email unavailable(int newAttempts, String detail, Instant now, EmailProperties.Retry policy) {
		requireStatus(EmailStatus.SENDING);
		Instant deadline = policy.deadline(queuedAt);
		Builder next = change().attempts(attempts + newAttempts).lastError(detail);
		if (!now.isBefore(deadline)) {
			return next.fail(FailureReason.SMTP_UNAVAILABLE, detail, now).build();
		}
		Instant later = now.plus(policy.backoff(retries));
		return next.status(EmailStatus.QUEUED)
			.retries(retries + 1)
			.leaseUntil(null)
			.nextAttemptAt(later.isAfter(deadline) ? deadline : later)
			.build();
	}

	/**
	 * The event that announces this e-mail's outcome; the same every time it is asked,
	 * once the outcome is final.
	 */
	public Optional<EmailEvent> outcome() {
		return switch (status) {
			case SENT -> Optional.of(new EmailSent(orderId, kind, messageId, sentAt));
			case FAILED ->
				Optional.of(new EmailFailed(orderId, kind, failureReason, failureDetail, attempts, failedAt));
			case WAITING_FOR_CONTACT, QUEUED, SENDING -> Optional.empty();
		};
	}

	public Email withVersion(Long next) {
		return change().version(next).build();
	}

	private void requireStatus(EmailStatus expected) {
		if (status != expected) {
			throw new IllegalStateException("E-mail " + id + " is " + status + ", expected " + expected);
		}
	}

	private Builder change() {
		return new Builder(this);
	}

	/**
	 * Copies an entry with a few fields changed; keeps the transitions above readable.
	 */
	private static final class Builder {

		private final Email from;

		private CustomerId customerId;

		private EmailStatus status;

		private ComposedMail mail;

		private int attempts;

		private int retries;

		private String lastError;

		private FailureReason failureReason;

		private String failureDetail;

		private Instant waitUntil;

		private Instant queuedAt;

		private Instant nextAttemptAt;

		private Instant leaseUntil;

		private Instant sentAt;

		private Instant failedAt;

		private Long version;

		Builder(Email from) {
			this.from = from;
			customerId = from.customerId;
			status = from.status;
			mail = from.mail;
			attempts = from.attempts;
			retries = from.retries;
			lastError = from.lastError;
			failureReason = from.failureReason;
			failureDetail = from.failureDetail;
			waitUntil = from.waitUntil;
			queuedAt = from.queuedAt;
			nextAttemptAt = from.nextAttemptAt;
			leaseUntil = from.leaseUntil;
			sentAt = from.sentAt;
			failedAt = from.failedAt;
			version = from.version;
		}

		Builder customerId(CustomerId value) {
			customerId = value;
			return this;
		}

		Builder status(EmailStatus value) {
			status = value;
			return this;
		}

		Builder mail(ComposedMail value) {
			mail = value;
			return this;
		}

		Builder attempts(int value) {
			attempts = value;
			return this;
		}

		Builder retries(int value) {
			retries = value;
			return this;
		}

		Builder lastError(String value) {
			lastError = value;
			return this;
		}

		Builder waitUntil(Instant value) {
			waitUntil = value;
			return this;
		}

		Builder queuedAt(Instant value) {
			queuedAt = value;
			return this;
		}

		Builder nextAttemptAt(Instant value) {
			nextAttemptAt = value;
			return this;
		}

		Builder leaseUntil(Instant value) {
			leaseUntil = value;
			return this;
		}

		Builder sentAt(Instant value) {
			sentAt = value;
			return this;
		}

		Builder version(Long value) {
			version = value;
			return this;
		}

		Builder fail(FailureReason reason, String detail, Instant now) {
			status = EmailStatus.FAILED;
			failureReason = reason;
			failureDetail = detail;
			failedAt = now;
			leaseUntil = null;
			nextAttemptAt = null;
			return this;
		}

		Email build() {
			return new Email(from.id, from.orderId, from.kind, customerId, status, from.messageId, from.facts, mail,
					attempts, retries, lastError, failureReason, failureDetail, from.requestedAt, waitUntil, queuedAt,
					nextAttemptAt, leaseUntil, sentAt, failedAt, version);
		}

	}
}
