package dev.ordersaga.payment;

import java.time.Instant;

import dev.ordersaga.support.money.Money;

/**
 * The events payment-fn publishes on {@code payment-events}, keyed by order id. Their
 * JSON shape is a contract with every consumer: add fields freely, never rename or remove
 * one (that is a new {@code .v2} type). {@code customerId} is an addition to the
 * catalogue's fields, for the e-mail service.
 */
public sealed interface PaymentEvent {

	OrderId orderId();

	/**
	 * When it happened; becomes the event's {@code ce_time}. Stored, so a re-announcement
	 * carries the same time.
	 */
	Instant occurredAt();

	/**
	 * The money was taken.
	 *
	 * @param providerReference the provider's charge id, e.g. {@code ch_…}
	 */
	record PaymentProcessed(OrderId orderId, CustomerId customerId, PaymentId paymentId, Money amount,
			String providerReference, Instant processedAt) implements PaymentEvent {

		@Override
		public Instant occurredAt() {
			return processedAt;
		}
	}

	/**
	 * No money was taken, and none will be for this order.
	 *
	 * @param detail what the provider said, e.g.
	 * {@code card_declined: Your card was declined.}
	 */
	record PaymentFailed(OrderId orderId, CustomerId customerId, FailureReason reason, String detail,
			Instant failedAt) implements PaymentEvent {

		@Override
		public Instant occurredAt() {
			return failedAt;
		}
	}

	/**
	 * The money of a cancelled order went back.
	 *
	 * @param refundReference the provider's refund id, e.g. {@code re_…}
	 */
	record PaymentRefunded(OrderId orderId, CustomerId customerId, PaymentId paymentId, Money amount,
			String refundReference, Instant refundedAt) implements PaymentEvent {

		@Override
		public Instant occurredAt() {
			return refundedAt;
		}
	}

}
