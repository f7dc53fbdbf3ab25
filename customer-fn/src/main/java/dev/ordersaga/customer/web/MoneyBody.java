package dev.ordersaga.customer.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import dev.ordersaga.support.money.CurrencyCode;
import dev.ordersaga.support.money.Money;

/**
 * Money on the wire: integer minor units and an ISO-4217 code. Zero is a valid credit
 * limit (a customer without credit).
 */
public record MoneyBody(@NotNull @PositiveOrZero @Max(MoneyBody.MAX_AMOUNT) Long amount,
		@NotNull @CurrencyCode String currency) {

	/**
	 * Large enough for any real credit limit, small enough that no sum of limits and
	 * orders can overflow.
	 */
	static final long MAX_AMOUNT = 1_000_000_000_000L;

	static MoneyBody of(Money money) {
		return new MoneyBody(money.amount(), money.currency());
	}

	Money toMoney() {
		return Money.of(amount, currency);
	}
}
