package dev.ordersaga.payment;

/**
 * Writes of a payment, each one atomic on its own document (no multi-document
 * transaction).
 */
public interface PaymentWrites {

	/**
	 * Inserts the first record of an order's payment.
	 * @throws org.springframework.dao.DuplicateKeyException when the order already has
	 * one
	 */
	void insert(Payment payment);

	/**
	 * Replaces {@code current} by {@code next} if nobody changed it meanwhile (optimistic
	 * concurrency on the version).
	 * @return {@code false} when the payment changed since it was read: reload and decide
	 * again
	 */
	boolean update(Payment current, Payment next);

}
