package dev.ordersaga.customer;

/** What to do about an order's credit, given the customer as read. */
public sealed interface CreditCheck {

	/** The order holds (or held) a reservation: announce it again. */
	record AlreadyReserved(Reservation reservation) implements CreditCheck {
	}

	/** The order was refused before: refuse it again, identically. */
	record AlreadyRefused(Refusal refusal) implements CreditCheck {
	}

	/**
	 * The order was cancelled before its credit was reserved: reserve nothing, announce
	 * nothing.
	 */
	record AlreadyCancelled(Cancellation cancellation) implements CreditCheck {
	}

	/** Enough credit: try the reservation. */
	record Coverable() implements CreditCheck {
	}

	/** Not enough credit in the customer's currency: record this refusal. */
	record NotCoverable(Refusal refusal) implements CreditCheck {
	}

}
