package dev.ordersaga.payment.messaging;

import dev.ordersaga.payment.OrderEvent;
import dev.ordersaga.payment.PaymentEvent;
import dev.ordersaga.support.events.EventCatalog;
import dev.ordersaga.support.events.EventIds;
import dev.ordersaga.support.events.OutgoingEvent;

/** The {@code ce_type} of every event payment-fn reads or writes. */
public final class PaymentEventTypes {

	public static final EventCatalog<OrderEvent> ORDER_EVENTS = EventCatalog.of(OrderEvent.class)
		.type("order.approved.v1", OrderEvent.OrderApproved.class)
		.type("order.cancelled.v1", OrderEvent.OrderCancelled.class)
		.build();

	public static final EventCatalog<PaymentEvent> PAYMENT_EVENTS = EventCatalog.of(PaymentEvent.class)
		.type("payment.processed.v1", PaymentEvent.PaymentProcessed.class)
		.type("payment.failed.v1", PaymentEvent.PaymentFailed.class)
		.type("payment.refunded.v1", PaymentEvent.PaymentRefunded.class)
		.build();

	private PaymentEventTypes() {
	}

	/**
	 * The envelope of a payment event; its id depends only on the order and the type (see
	 * {@link EventIds}) and its time is stored, so a redelivered input re-emits an
	 * identical event.
	 */
	public static OutgoingEvent outgoing(PaymentEvent event) {
		String type = PAYMENT_EVENTS.typeOf(event);
		String subject = event.orderId().toString();
		return new OutgoingEvent(EventIds.of(subject, type), type, subject, event.occurredAt(), event);
	}

}
