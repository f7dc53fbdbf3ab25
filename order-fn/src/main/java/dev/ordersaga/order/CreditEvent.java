package dev.ordersaga.order;

import jakarta.validation.constraints.NotNull;

/**
 * order-fn's own reading of customer-fn's credit decisions: only the fields it uses.
 * Other fields and other event types on {@code customer-events} are ignored (tolerant
 * reader).
 */
public sealed interface CreditEvent {

	OrderId orderId();

	record CreditReserved(@NotNull OrderId orderId) implements CreditEvent {
	}

	record CreditLimitExceeded(@NotNull OrderId orderId) implements CreditEvent {
	}

	record CustomerNotFound(@NotNull OrderId orderId) implements CreditEvent {
	}

}
