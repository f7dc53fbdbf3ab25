package dev.ordersaga.order;

import jakarta.validation.constraints.NotNull;

/**
 * order-fn's own reading of payment-fn's results: only the fields it uses.
 * {@code payment.refunded.v1} and any other type on {@code payment-events} are ignored
 * (tolerant reader).
 */
public sealed interface PaymentEvent {

	OrderId orderId();

	record PaymentProcessed(@NotNull OrderId orderId, @NotNull String paymentId) implements PaymentEvent {
	}

	record PaymentFailed(@NotNull OrderId orderId, @NotNull Reason reason) implements PaymentEvent {

		public enum Reason {

			DECLINED, EXPIRED, ERROR

		}

		CancelReason cancelReason() {
			return switch (reason) {
				case DECLINED -> CancelReason.PAYMENT_DECLINED;
				case EXPIRED -> CancelReason.PAYMENT_EXPIRED;
				case ERROR -> CancelReason.PAYMENT_ERROR;
			};
		}
	}

}
