package dev.ordersaga.payment;

/**
 * The payment provider could not be asked: it is down, did not answer in time, refused
 * our credentials, or our circuit breaker keeps calls away from it. Nothing is known
 * about the request's effect, so the payment waits and the same request (same idempotency
 * key) is sent again later. Never a reason to fail or dead-letter a payment.
 */
public class ProviderUnavailableException extends RuntimeException {

	public ProviderUnavailableException(String message) {
		super(message);
	}

	public ProviderUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
