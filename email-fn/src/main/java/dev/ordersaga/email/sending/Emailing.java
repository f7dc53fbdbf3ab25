package dev.ordersaga.email.sending;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.email.CustomerId;
import dev.ordersaga.email.OrderId;
import dev.ordersaga.email.contact.Contacts;
import dev.ordersaga.email.contact.CustomerProfile;
import dev.ordersaga.email.sending.SagaEvent.OrderApproved;
import dev.ordersaga.email.sending.SagaEvent.OrderCancelled;
import dev.ordersaga.email.sending.SagaEvent.OrderCompleted;
import dev.ordersaga.email.sending.SagaEvent.OrderCreated;
import dev.ordersaga.email.sending.SagaEvent.PaymentProcessed;
import dev.ordersaga.email.sending.SagaEvent.PaymentRefunded;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Turns saga events into mail log entries and keeps the contact replica current. Runs on
 * the Kafka consumer threads, so it only ever writes to MongoDB: the SMTP conversation
 * happens in the {@link EmailDispatcher}, and a slow or absent mail server never holds up
 * a partition.
 */
@Service
public class Emailing {

	private static final Logger log = LoggerFactory.getLogger(Emailing.class);

	private final Emails emails;

	private final Contacts contacts;

	private final Addressing addressing;

	private final DispatchSignal dispatch;

	private final EmailMetrics metrics;

	private final EmailProperties properties;

	private final Clock clock;

	public Emailing(Emails emails, Contacts contacts, Addressing addressing, DispatchSignal dispatch,
			EmailMetrics metrics, EmailProperties properties, Clock clock) {
		this.emails = emails;
		this.contacts = contacts;
		this.addressing = addressing;
		this.dispatch = dispatch;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Learns the order's customer from every event that names it, and requests the e-mail
	 * the event calls for.
	 */
	public void on(SagaEvent event) {
		Instant now = clock.instant();
		switch (event) {
			case OrderCreated created -> link(created.orderId(), created.customerId(), now);
			case OrderApproved approved -> link(approved.orderId(), approved.customerId(), now);
			case OrderCompleted completed -> {
				link(completed.orderId(), completed.customerId(), now);
				request(completed.orderId(), EmailKind.ORDER_COMPLETED, completed.customerId(),
						new MailFacts(completed.total(), null, null, completed.completedAt()), false, now);
			}
			case OrderCancelled cancelled -> {
				link(cancelled.orderId(), cancelled.customerId(), now);
				request(cancelled.orderId(), EmailKind.ORDER_CANCELLED, cancelled.customerId(),
						new MailFacts(cancelled.total(), null, cancelled.reason(), cancelled.cancelledAt()),
						cancelled.customerUnknown(), now);
			}
			case PaymentProcessed processed -> {
				link(processed.orderId(), processed.customerId(), now);
				request(processed.orderId(), EmailKind.PAYMENT_COMPLETED, processed.customerId(),
						new MailFacts(processed.amount(), processed.paymentId(), null, processed.processedAt()), false,
						now);
			}
			case PaymentRefunded refunded -> {
				link(refunded.orderId(), refunded.customerId(), now);
				request(refunded.orderId(), EmailKind.PAYMENT_REFUNDED, refunded.customerId(),
						new MailFacts(refunded.amount(), refunded.paymentId(), null, refunded.refundedAt()), false,
						now);
			}
		}
	}

	/** Updates the contact replica and sends what was waiting for this customer. */
	public void on(CustomerProfile profile, Instant publishedAt) {
		contacts.record(profile, publishedAt == null ? clock.instant() : publishedAt);
		release(emails.findWaitingForCustomer(profile.customerId()));
	}

	private void link(OrderId order, CustomerId customer, Instant now) {
		if (customer != null && contacts.link(order, customer, now)) {
			release(emails.findWaitingForOrder(order));
		}
	}

	private void release(List<Email> waiting) {
		Instant now = clock.instant();
		for (Email email : waiting) {
			addressing.advance(email, now).map(next -> lookAgain(next, now)).ifPresent(dispatch::stored);
		}
	}

	/**
	 * Creates the order's e-mail of this kind, unless it exists: then a final one
	 * re-announces its outcome (a redelivery, or a replay of the topic) and one in
	 * progress is left alone. Never sends twice.
	 * @param noContactComing the event itself says that no contact data will ever arrive
	 */
	private void request(OrderId order, EmailKind kind, CustomerId customer, MailFacts facts, boolean noContactComing,
			Instant now) {
		Optional<Email> existing = emails.findById(Email.idOf(order, kind));
		if (existing.isPresent()) {
			again(existing.get());
			return;
		}
		Email requested = addressing.address(Email.request(order, kind, customer, facts, properties.messageIdDomain(),
				now, properties.contactWait()), now);
		if (noContactComing && requested.status() == EmailStatus.WAITING_FOR_CONTACT) {
			requested = requested.undeliverable(FailureReason.NO_CONTACT,
					"customer-fn does not know customer " + customer, now);
		}
		try {
			emails.insert(requested);
		}
		catch (DuplicateKeyException concurrently) {
			emails.findById(requested.id()).ifPresent(this::again);
			return;
		}
		Addressing.story(requested);
		metrics.requested(requested);
		dispatch.stored(lookAgain(requested.withVersion(0L), now));
	}

	/**
	 * The profile or link an e-mail now waits for may have been stored after it was read
	 * here, and its consumer may have looked for waiting e-mails before this one was
	 * stored as waiting for it: a second look, after storing, cannot miss it.
	 */
	private Email lookAgain(Email stored, Instant now) {
		if (stored.status() != EmailStatus.WAITING_FOR_CONTACT) {
			return stored;
		}
		return addressing.advance(stored, now).orElse(stored);
	}

	private void again(Email existing) {
		if (existing.status().isFinal()) {
			emails.announceAgain(existing);
			log.info("{} e-mail of order {} was requested again; already {}, re-announcing the outcome",
					existing.kind(), existing.orderId(), existing.status());
		}
		else {
			log.info("{} e-mail of order {} was requested again; still {}, nothing to do", existing.kind(),
					existing.orderId(), existing.status());
		}
	}

}
