package dev.ordersaga.payment;

/**
 * The provider refused or failed a refund (other than by being unreachable). The
 * cancellation is retried with a growing, capped back-off until the refund succeeds: it
 * is never dead-lettered or dropped, since the money of a cancelled order must not stay
 * taken. A refusal will not go away by itself, so it is logged as an error and counted
 * ({@code saga.payment.refund.failures{kind=refused}}) for an operator to act on.
 */
public class RefundFailedException extends RuntimeException {

	private final boolean refused;

	/**
	 * @param refused whether the provider refused the refund (a 4xx answer), rather than
	 * failing it (a server error, an unusable answer)
	 */
	public RefundFailedException(String message, boolean refused) {
		super(message);
		this.refused = refused;
	}

	public RefundFailedException(String message, Throwable cause) {
		super(message, cause);
		this.refused = false;
	}

	/** Whether the provider refused the refund, which retrying alone will not change. */
	public boolean refused() {
		return refused;
	}

}
