package dev.ordersaga.order.messaging;

import dev.ordersaga.order.CreditEvent;
import dev.ordersaga.order.OrderEvent;
import dev.ordersaga.order.PaymentEvent;
import dev.ordersaga.support.events.EventCatalog;
import dev.ordersaga.support.events.EventIds;
import dev.ordersaga.support.events.OutgoingEvent;

/** The {@code ce_type} of every event order-fn reads or writes. */
public final class OrderEventTypes {

	/** The output binding the outbox relay publishes order events through. */
	public static final String ORDER_EVENTS_BINDING = "orderEvents";

	public static final EventCatalog<OrderEvent> ORDER_EVENTS = EventCatalog.of(OrderEvent.class)
		.type("order.created.v1", OrderEvent.OrderCreated.class)
		.type("order.approved.v1", OrderEvent.OrderApproved.class)
		.type("order.completed.v1", OrderEvent.OrderCompleted.class)
		.type("order.cancelled.v1", OrderEvent.OrderCancelled.class)
		.build();

	public static final EventCatalog<CreditEvent> CREDIT_EVENTS = EventCatalog.of(CreditEvent.class)
		.type("credit.reserved.v1", CreditEvent.CreditReserved.class)
		.type("credit.limit-exceeded.v1", CreditEvent.CreditLimitExceeded.class)
		.type("customer.not-found.v1", CreditEvent.CustomerNotFound.class)
		.build();

	public static final EventCatalog<PaymentEvent> PAYMENT_EVENTS = EventCatalog.of(PaymentEvent.class)
		.type("payment.processed.v1", PaymentEvent.PaymentProcessed.class)
		.type("payment.failed.v1", PaymentEvent.PaymentFailed.class)
		.build();

	private OrderEventTypes() {
	}

	/**
	 * The envelope of an order event; its id depends only on the order and the type, see
	 * {@link EventIds}.
	 */
	public static OutgoingEvent outgoing(OrderEvent event) {
		String type = ORDER_EVENTS.typeOf(event);
		String subject = event.orderId().toString();
		return new OutgoingEvent(EventIds.of(subject, type), type, subject, event.occurredAt(), event);
	}

}
