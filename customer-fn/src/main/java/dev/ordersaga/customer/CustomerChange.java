package dev.ordersaga.customer;

import java.util.Optional;

import dev.ordersaga.support.money.Money;

/** What a requested change of a customer led to. */
public sealed interface CustomerChange {

	/**
	 * @param before the customer the change was decided on
	 * @param after the customer after the change
	 * @param profile the profile event to publish, when the contact data changed
	 */
	record Changed(Customer before, Customer after, Optional<ProfileEvent> profile) implements CustomerChange {
	}

	/** The request asked for what the customer already is. */
	record Unchanged(Customer customer) implements CustomerChange {
	}

	/**
	 * A credit limit is kept in the customer's currency; changing the currency is not
	 * supported.
	 */
	record CurrencyChangeRefused(String currency, String requested) implements CustomerChange {
	}

	/**
	 * The requested limit would not cover the credit the customer's open orders already
	 * hold.
	 */
	record LimitBelowOpenReservations(Money requested, Money open) implements CustomerChange {
	}

}
