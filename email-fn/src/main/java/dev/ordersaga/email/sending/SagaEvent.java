package dev.ordersaga.email.sending;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import dev.ordersaga.email.CustomerId;
import dev.ordersaga.email.OrderId;
import dev.ordersaga.support.money.Money;

/**
 * email-fn's own reading of the order and payment events it reacts to: only the fields it
 * uses. Other fields and other types are ignored (tolerant reader).
 */
public sealed interface SagaEvent {

	OrderId orderId();

	/** Links the order to its customer. */
	record OrderCreated(@NotNull OrderId orderId, @NotNull CustomerId customerId) implements SagaEvent {
	}

	/**
	 * Links the order to its customer (for a replica that missed {@code OrderCreated}).
	 */
	record OrderApproved(@NotNull OrderId orderId, @NotNull CustomerId customerId) implements SagaEvent {
	}

	record OrderCompleted(@NotNull OrderId orderId, @NotNull CustomerId customerId, @NotNull @Valid Money total,
			@NotNull Instant completedAt) implements SagaEvent {
	}

	record OrderCancelled(@NotNull OrderId orderId, @NotNull CustomerId customerId, @NotNull @Valid Money total,
			@NotNull String reason, @NotNull Instant cancelledAt) implements SagaEvent {

		/**
		 * customer-fn does not know the customer, so no contact data will ever arrive.
		 */
		boolean customerUnknown() {
			return "UNKNOWN_CUSTOMER".equals(reason);
		}
	}

	/**
	 * @param customerId optional: not every payment-fn version sends it; the order link
	 * fills the gap
	 */
	record PaymentProcessed(@NotNull OrderId orderId, @NotNull String paymentId, @NotNull @Valid Money amount,
			@NotNull Instant processedAt, CustomerId customerId) implements SagaEvent {
	}

	/**
	 * @param customerId optional: not every payment-fn version sends it; the order link
	 * fills the gap
	 */
	record PaymentRefunded(@NotNull OrderId orderId, @NotNull String paymentId, @NotNull @Valid Money amount,
			@NotNull Instant refundedAt, CustomerId customerId) implements SagaEvent {
	}

}
