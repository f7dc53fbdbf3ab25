package dev.ordersaga.support.money;

import java.util.Currency;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An amount of money in minor units (cents, won, ...) of an ISO-4217 currency. Never a
 * floating point number.
 *
 * @param amount minor units, may be negative for differences but never for prices
 * @param currency ISO-4217 code, e.g. {@code EUR} or {@code KRW}
 */
public record Money(long amount, String currency) implements Comparable<Money> {

	/** The JDK's ISO-4217 codes, read once: every Money checks its currency. */
	private static final Set<String> ISO_CODES = Currency.getAvailableCurrencies()
		.stream()
		.map(Currency::getCurrencyCode)
		.collect(Collectors.toUnmodifiableSet());

	public Money {
		Objects.requireNonNull(currency, "currency");
		if (!isIsoCurrency(currency)) {
			throw new IllegalArgumentException("Not an ISO-4217 currency: " + currency);
		}
	}

	public static Money of(long amount, String currency) {
		return new Money(amount, currency);
	}

	public static Money zero(String currency) {
		return new Money(0, currency);
	}

	public static boolean isIsoCurrency(String code) {
		return code != null && ISO_CODES.contains(code);
	}

	public Money plus(Money other) {
		requireSameCurrency(other);
		return new Money(Math.addExact(amount, other.amount), currency);
	}

	public Money minus(Money other) {
		requireSameCurrency(other);
		return new Money(Math.subtractExact(amount, other.amount), currency);
	}

	public Money times(long factor) {
		return new Money(Math.multiplyExact(amount, factor), currency);
	}

	@JsonIgnore
	public boolean isPositive() {
		return amount > 0;
	}

	@JsonIgnore
	public boolean isNegative() {
		return amount < 0;
	}

	public boolean hasCurrency(String code) {
		return currency.equals(code);
	}

	@Override
	public int compareTo(Money other) {
		requireSameCurrency(other);
		return Long.compare(amount, other.amount);
	}

	private void requireSameCurrency(Money other) {
		if (!currency.equals(other.currency)) {
			throw new IllegalArgumentException("Currency mismatch: " + currency + " vs " + other.currency);
		}
	}

	@Override
	public String toString() {
		return amount + " " + currency;
	}
}
