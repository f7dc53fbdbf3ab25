package dev.ordersaga.payment.provider;

/**
 * The provider answered with a server error (500 and kin) to this particular request.
 * Retried in case it was transient, but not counted by the circuit breaker: such an
 * answer concerns one request (a test token like {@code tok_error} produces it every
 * time), and a stream of them must not stop payments for every order. An outage shows as
 * 502/503/504, refused connections or timeouts instead, see {@link HttpPaymentProvider}.
 */
public class ProviderServerErrorException extends RuntimeException {

	public ProviderServerErrorException(String message) {
		super(message);
	}

}
