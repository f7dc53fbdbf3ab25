package dev.ordersaga.payment;

/**
 * The provider cannot tell yet whether an order's charge took money (e.g. it shows the
 * charge as {@code pending}). Nothing is decided: the event is handled again after a
 * growing, capped back-off, until the provider can tell. Never dead-lettered.
 */
public class ChargeUncertainException extends RuntimeException {

	public ChargeUncertainException(String message) {
		super(message);
	}

}
