package dev.ordersaga.customer;

import java.time.Instant;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import dev.ordersaga.support.money.Money;

/**
 * customer-fn's own reading of order-fn's events: only the fields it uses. Other fields
 * and other event types on {@code order-events} are ignored (tolerant reader); a record
 * that breaks these constraints is a poison message.
 */
public sealed interface OrderEvent {

	OrderId orderId();

	CustomerId customerId();

	/**
	 * @param total the credit to reserve
	 * @param createdAt when the order was placed; optional, used as the time of a
	 * {@code CustomerNotFound}
	 */
	record OrderCreated(@NotNull OrderId orderId, @NotNull CustomerId customerId, @NotNull Money total,
			Instant createdAt) implements OrderEvent {

		@AssertTrue(message = "must be true: an order total is a positive amount")
		boolean isTotalPositive() {
			return total == null || total.isPositive();
		}
	}

	record OrderCancelled(@NotNull OrderId orderId, @NotNull CustomerId customerId) implements OrderEvent {
	}

	record OrderCompleted(@NotNull OrderId orderId, @NotNull CustomerId customerId) implements OrderEvent {
	}

}
