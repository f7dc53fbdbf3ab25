package dev.ordersaga.email.sending;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.email.CustomerId;
import dev.ordersaga.email.contact.Contacts;
import dev.ordersaga.email.contact.CustomerContact;
import dev.ordersaga.email.sending.MailComposer.Composition;

import org.springframework.stereotype.Component;

/**
 * Gives a waiting e-mail its recipient: finds the order's customer and their contact,
 * then composes the message, or fails the e-mail when the contact is unusable or did not
 * arrive within the wait.
 */
@Component
public class Addressing {

	private static final Logger log = LoggerFactory.getLogger(Addressing.class);

	private final Contacts contacts;

	private final MailComposer composer;

	private final Emails emails;

	private final EmailMetrics metrics;

	public Addressing(Contacts contacts, MailComposer composer, Emails emails, EmailMetrics metrics) {
		this.contacts = contacts;
		this.composer = composer;
		this.emails = emails;
		this.metrics = metrics;
	}

	/**
	 * Decides the next state of a waiting e-mail without storing it.
	 * @return {@code QUEUED} with the composed message, {@code FAILED}, or still waiting
	 * (with the customer if it became known)
	 */
	public Email address(Email waiting, Instant now) {
		CustomerId customer = waiting.customerId() != null ? waiting.customerId()
				: contacts.customerOf(waiting.orderId()).orElse(null);
		if (customer == null) {
			return waiting.waitedTooLong(now)
					? waiting.undeliverable(FailureReason.NO_CONTACT,
							"the customer of order " + waiting.orderId() + " did not become known in time", now)
					: waiting;
		}
		Email known = waiting.forCustomer(customer);
		Optional<CustomerContact> contact = contacts.find(customer);
		if (contact.isEmpty()) {
			return known.waitedTooLong(now) ? known.undeliverable(FailureReason.NO_CONTACT,
					"no contact data for customer " + customer + " arrived in time", now) : known;
		}
		return switch (composer.compose(known, contact.get())) {
			case Composition.Composed composed -> known.queue(composed.mail(), now);
			case Composition.Undeliverable undeliverable ->
				known.undeliverable(FailureReason.INVALID_RECIPIENT, undeliverable.detail(), now);
		};
	}

	/**
	 * Moves a stored waiting e-mail on, if it can move.
	 * @return the stored next state, or empty when nothing changed (or another thread
	 * moved it first)
	 */
	public Optional<Email> advance(Email waiting, Instant now) {
		Email next = address(waiting, now);
		if (next.equals(waiting) || !emails.update(waiting, next)) {
			return Optional.empty();
		}
		story(next);
		metrics.stepped(next);
		return Optional.of(next.withVersion(waiting.version() + 1));
	}

	static void story(Email email) {
		switch (email.status()) {
			case WAITING_FOR_CONTACT ->
				log.info("{} e-mail of order {} waits for the contact of {} until {}", email.kind(), email.orderId(),
						email.customerId() == null ? "its customer" : email.customerId(), email.waitUntil());
			case QUEUED -> log.info("{} e-mail of order {} queued for {} in '{}'", email.kind(), email.orderId(),
					masked(email.mail().to()), email.mail().locale());
			case FAILED -> log.warn("{} e-mail of order {} failed ({}): {}", email.kind(), email.orderId(),
					email.failureReason(), email.failureDetail());
			case SENDING, SENT -> {
			}
		}
	}

	/** Enough of an address to recognise it in a log, not enough to harvest it. */
	static String masked(String address) {
		int at = address.lastIndexOf('@');
		return at <= 0 ? "***" : address.charAt(0) + "***" + address.substring(at);
	}

}
