package dev.ordersaga.customer;

/** What to do about an order's credit when the atomic reservation did not go through. */
public sealed interface CreditCheck {

	/** The order holds (or held) a reservation: announce it again. */
	record AlreadyReserved(Reservation reservation) implements CreditCheck {
	}

	/** The order was refused before: refuse it again, identically. */
	record AlreadyRefused(Refusal refusal) implements CreditCheck {
	}

	/** Enough credit now (it was freed meanwhile): try the reservation again. */
	record Coverable() implements CreditCheck {
	}

	/** Not enough credit in the customer's currency: record this refusal. */
	record NotCoverable(Refusal refusal) implements CreditCheck {
	}

}
