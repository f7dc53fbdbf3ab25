package dev.ordersaga.payment;

import java.time.Instant;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import dev.ordersaga.support.money.Money;

/**
 * payment-fn's own reading of order-fn's events: only the types and fields it uses. Other
 * fields and other types on {@code order-events} (created, completed) are ignored
 * (tolerant reader).
 */
public sealed interface OrderEvent {

	OrderId orderId();

	/**
	 * The order may be paid now.
	 *
	 * @param paymentMethod the provider's token, e.g. {@code tok_visa}
	 * @param payBy the saga deadline: no charge after it
	 */
	record OrderApproved(@NotNull OrderId orderId, @NotNull CustomerId customerId, @NotNull Money total,
			@NotBlank String paymentMethod, @NotNull Instant payBy) implements OrderEvent {

		@AssertTrue(message = "total must be a positive amount")
		public boolean isTotalPositive() {
			return total == null || total.isPositive();
		}
	}

	/**
	 * The order is cancelled; whatever was charged goes back, and what was not is never
	 * charged.
	 *
	 * @param reason why, e.g. {@code TIMEOUT}; kept as text so that new reasons need no
	 * release here
	 */
	record OrderCancelled(@NotNull OrderId orderId, CustomerId customerId, String reason) implements OrderEvent {
	}

}
