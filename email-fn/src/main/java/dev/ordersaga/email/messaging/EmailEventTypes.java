package dev.ordersaga.email.messaging;

import dev.ordersaga.email.contact.CustomerProfile;
import dev.ordersaga.email.sending.EmailEvent;
import dev.ordersaga.email.sending.SagaEvent;
import dev.ordersaga.support.events.EventCatalog;
import dev.ordersaga.support.events.EventIds;
import dev.ordersaga.support.events.OutgoingEvent;

/** The {@code ce_type} of every event email-fn reads or writes. */
public final class EmailEventTypes {

	/** The output binding the outbox relay publishes e-mail outcomes through. */
	public static final String EMAIL_EVENTS_BINDING = "emailEvents";

	public static final EventCatalog<EmailEvent> EMAIL_EVENTS = EventCatalog.of(EmailEvent.class)
		.type("email.sent.v1", EmailEvent.EmailSent.class)
		.type("email.failed.v1", EmailEvent.EmailFailed.class)
		.build();

	/**
	 * On {@code order-events}: the created/approved events only link orders to customers.
	 */
	public static final EventCatalog<SagaEvent> ORDER_EVENTS = EventCatalog.of(SagaEvent.class)
		.type("order.created.v1", SagaEvent.OrderCreated.class)
		.type("order.approved.v1", SagaEvent.OrderApproved.class)
		.type("order.completed.v1", SagaEvent.OrderCompleted.class)
		.type("order.cancelled.v1", SagaEvent.OrderCancelled.class)
		.build();

	/**
	 * On {@code payment-events}; {@code payment.failed.v1} needs no e-mail (the order's
	 * cancellation sends one).
	 */
	public static final EventCatalog<SagaEvent> PAYMENT_EVENTS = EventCatalog.of(SagaEvent.class)
		.type("payment.processed.v1", SagaEvent.PaymentProcessed.class)
		.type("payment.refunded.v1", SagaEvent.PaymentRefunded.class)
		.build();

	/**
	 * On the compacted {@code customer-profiles}: both types carry the whole current
	 * profile.
	 */
	public static final EventCatalog<CustomerProfile> PROFILE_EVENTS = EventCatalog.of(CustomerProfile.class)
		.type("customer.registered.v1", CustomerProfile.class)
		.type("customer.updated.v1", CustomerProfile.class)
		.build();

	private EmailEventTypes() {
	}

	/**
	 * The envelope of an e-mail outcome. There is one outcome per order and kind, so
	 * {@code orderId/kind} and the type name the event (see {@link EventIds}); its time
	 * is stored with the e-mail, so a re-announcement is identical.
	 */
	public static OutgoingEvent outgoing(EmailEvent event) {
		String type = EMAIL_EVENTS.typeOf(event);
		String order = event.orderId().toString();
		return new OutgoingEvent(EventIds.of(order + "/" + event.kind(), type), type, order, event.occurredAt(), event);
	}

}
