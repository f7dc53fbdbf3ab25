package dev.ordersaga.email.sending;

import java.util.Locale;

/** What an e-mail tells the customer; each kind is sent at most once per order. */
public enum EmailKind {

	/** on {@code payment.processed.v1} */
	PAYMENT_COMPLETED,
	/** on {@code order.completed.v1} */
	ORDER_COMPLETED,
	/** on {@code order.cancelled.v1} */
	ORDER_CANCELLED,
	/** on {@code payment.refunded.v1} */
	PAYMENT_REFUNDED;

	/** The kind in names: {@code payment-completed} for templates and Message-IDs. */
	public String slug() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
