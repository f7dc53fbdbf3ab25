package dev.ordersaga.payment.provider;

/**
 * The provider answered a charge or a refund with a server error (500 and kin). Such an
 * answer may concern this one request only (a test token like {@code tok_error} produces
 * it every time, and an idempotent provider replays it for every retry), so the circuit
 * breaker ignores it: a stream of such orders must not stop payments for everybody.
 * Whether the provider as a whole fails is learnt from the read that follows it (the
 * search that reconciles a charge, the probe after a refund), whose server errors the
 * breaker does count.
 */
public class RequestServerErrorException extends ProviderServerErrorException {

	public RequestServerErrorException(String message) {
		super(message);
	}

}
