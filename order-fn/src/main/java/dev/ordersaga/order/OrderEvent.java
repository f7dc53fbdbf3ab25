package dev.ordersaga.order;

import java.time.Instant;
import java.util.List;

import dev.ordersaga.support.money.Money;

/**
 * The events order-fn publishes on {@code order-events}, keyed by order id. Their JSON
 * shape is a contract with every consumer: add fields freely, never rename or remove one
 * (that is a new {@code .v2} type).
 */
public sealed interface OrderEvent {

	OrderId orderId();

	/** When the change happened; becomes the event's {@code ce_time}. */
	Instant occurredAt();

	record OrderCreated(OrderId orderId, CustomerId customerId, List<OrderLine> lines, Money total,
			Instant createdAt) implements OrderEvent {

		@Override
		public Instant occurredAt() {
			return createdAt;
		}
	}

	/**
	 * @param paymentMethod opaque payment token, never a card number
	 * @param payBy the saga deadline: payment must not be taken after it
	 */
	record OrderApproved(OrderId orderId, CustomerId customerId, Money total, String paymentMethod, Instant payBy,
			Instant approvedAt) implements OrderEvent {

		@Override
		public Instant occurredAt() {
			return approvedAt;
		}
	}

	record OrderCompleted(OrderId orderId, CustomerId customerId, Money total, String paymentId,
			Instant completedAt) implements OrderEvent {

		@Override
		public Instant occurredAt() {
			return completedAt;
		}
	}

	record OrderCancelled(OrderId orderId, CustomerId customerId, Money total, CancelReason reason,
			Instant cancelledAt) implements OrderEvent {

		@Override
		public Instant occurredAt() {
			return cancelledAt;
		}
	}

}
