package dev.ordersaga.payment;

/**
 * Where a payment stands. <pre>
 * (approved) ──▶ CHARGING ──charged──▶ CHARGED ──order cancelled──▶ REFUNDED
 *     │              ├──declined / provider error / deadline passed──▶ FAILED
 *     │              └──order cancelled, provider never charged──▶ VOIDED
 *     └──deadline passed──▶ FAILED        (cancelled before approval) ──▶ VOIDED
 * </pre>
 */
public enum PaymentStatus {

	/**
	 * The intent to charge is recorded; the provider's answer is not (yet). Resolved on
	 * redelivery.
	 */
	CHARGING,

	/** The provider took the money. */
	CHARGED,

	/**
	 * No money was taken: declined, deadline passed, or the provider failed the request.
	 * Final.
	 */
	FAILED,

	/** The money was given back after the order was cancelled. Final. */
	REFUNDED,

	/** The order was cancelled before it was charged: it is never charged. Final. */
	VOIDED;

	public boolean isFinal() {
		return this == FAILED || this == REFUNDED || this == VOIDED;
	}

}
