package dev.ordersaga.customer.messaging;

import dev.ordersaga.customer.CreditEvent;
import dev.ordersaga.customer.OrderEvent;
import dev.ordersaga.customer.ProfileEvent;
import dev.ordersaga.support.events.EventCatalog;
import dev.ordersaga.support.events.EventIds;
import dev.ordersaga.support.events.OutgoingEvent;

/** The {@code ce_type} of every event customer-fn reads or writes. */
public final class CustomerEventTypes {

	/**
	 * The output binding the outbox relay publishes profile events through (destination
	 * {@code customer-profiles}).
	 */
	public static final String CUSTOMER_PROFILES_BINDING = "customerProfiles";

	public static final EventCatalog<CreditEvent> CREDIT_EVENTS = EventCatalog.of(CreditEvent.class)
		.type("credit.reserved.v1", CreditEvent.CreditReserved.class)
		.type("credit.limit-exceeded.v1", CreditEvent.CreditLimitExceeded.class)
		.type("customer.not-found.v1", CreditEvent.CustomerNotFound.class)
		.type("credit.released.v1", CreditEvent.CreditReleased.class)
		.build();

	public static final EventCatalog<ProfileEvent> PROFILE_EVENTS = EventCatalog.of(ProfileEvent.class)
		.type("customer.registered.v1", ProfileEvent.CustomerRegistered.class)
		.type("customer.updated.v1", ProfileEvent.CustomerUpdated.class)
		.build();

	public static final EventCatalog<OrderEvent> ORDER_EVENTS = EventCatalog.of(OrderEvent.class)
		.type("order.created.v1", OrderEvent.OrderCreated.class)
		.type("order.cancelled.v1", OrderEvent.OrderCancelled.class)
		.type("order.completed.v1", OrderEvent.OrderCompleted.class)
		.build();

	private CustomerEventTypes() {
	}

	/**
	 * The envelope of a credit decision, keyed by order id. Each order gets at most one
	 * decision of each type, so its id depends only on the order and the type (see
	 * {@link EventIds}): a re-announcement is a duplicate.
	 */
	public static OutgoingEvent outgoing(CreditEvent event) {
		String type = CREDIT_EVENTS.typeOf(event);
		String subject = event.orderId().toString();
		return new OutgoingEvent(EventIds.of(subject, type), type, subject, event.occurredAt(), event);
	}

	/**
	 * The envelope of a profile event, keyed by customer id; a customer has one profile
	 * per version.
	 */
	public static OutgoingEvent outgoing(ProfileEvent event) {
		String type = PROFILE_EVENTS.typeOf(event);
		String subject = event.customerId().toString();
		return new OutgoingEvent(EventIds.of(subject + "@" + event.version(), type), type, subject, event.occurredAt(),
				event);
	}

}
