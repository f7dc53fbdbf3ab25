package dev.ordersaga.email.sending;

import java.time.Instant;

import dev.ordersaga.email.OrderId;

/**
 * The events email-fn publishes on {@code email-events}, keyed by order id. One outcome
 * per order and kind: a redelivered request re-announces the same outcome, with the same
 * {@code ce_id}, {@code ce_time} and body.
 */
public sealed interface EmailEvent {

	OrderId orderId();

	EmailKind kind();

	/** When the outcome happened; becomes {@code ce_time}. */
	Instant occurredAt();

	/**
	 * @param messageId the RFC 5322 Message-ID the e-mail carries, identical on every
	 * (re)send
	 */
	record EmailSent(OrderId orderId, EmailKind kind, String messageId, Instant sentAt) implements EmailEvent {

		@Override
		public Instant occurredAt() {
			return sentAt;
		}
	}

	/**
	 * @param detail what went wrong in words, e.g. the SMTP server's answer
	 * @param attempts how many times the SMTP server was tried (0 when the e-mail could
	 * not even be addressed)
	 */
	record EmailFailed(OrderId orderId, EmailKind kind, FailureReason reason, String detail, int attempts,
			Instant failedAt) implements EmailEvent {

		@Override
		public Instant occurredAt() {
			return failedAt;
		}
	}

}
