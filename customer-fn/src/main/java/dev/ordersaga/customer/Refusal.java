package dev.ordersaga.customer;

import java.time.Instant;
import java.util.Objects;

import dev.ordersaga.support.money.Money;

/**
 * A reservation refused for one order. Kept so that a redelivered {@code OrderCreated} is
 * refused again with the identical {@code CreditLimitExceeded}, instead of being decided
 * anew against credit that may have been freed since (which would contradict the order's
 * cancellation that the first answer caused).
 *
 * @param requested the order total, in whatever currency the order was placed
 * @param available the customer's available credit when refused, minor units of the
 * customer's currency
 * @param at when it was refused; the {@code ce_time} of {@code CreditLimitExceeded}
 */
public record Refusal(OrderId orderId, Money requested, long available, Instant at) {

	public Refusal {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(requested, "requested");
		Objects.requireNonNull(at, "at");
	}
}
