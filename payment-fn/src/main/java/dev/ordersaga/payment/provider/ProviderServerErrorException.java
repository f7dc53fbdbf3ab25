package dev.ordersaga.payment.provider;

/**
 * The provider answered with a server error (500 and kin; 502/503/504 are
 * {@link dev.ordersaga.payment.ProviderUnavailableException}). Retried in case it was
 * transient. Counted by the circuit breaker as a failure of the provider: a provider that
 * answers 5xx to everything is down, and payments pause. A server error answering a
 * charge or refund is the subclass {@link RequestServerErrorException}, which the breaker
 * ignores.
 */
public class ProviderServerErrorException extends RuntimeException {

	public ProviderServerErrorException(String message) {
		super(message);
	}

}
