package dev.ordersaga.payment;

/**
 * The provider refused or failed a refund (other than by being unreachable). Retried a
 * few times, then the cancellation is dead-lettered for an operator: the money of a
 * cancelled order must not silently stay taken.
 */
public class RefundFailedException extends RuntimeException {

	public RefundFailedException(String message) {
		super(message);
	}

	public RefundFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
