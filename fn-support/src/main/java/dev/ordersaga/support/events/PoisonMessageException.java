package dev.ordersaga.support.events;

/**
 * A record that can never be processed, however often it is retried: not JSON, not the
 * shape its {@code ce_type} promises, or missing its envelope. Bindings list this type as
 * non-retryable, so the binder sends the record straight to the dead-letter topic (with
 * this message in the {@code x-exception-message} header) and moves on to the next record
 * of the partition.
 */
public class PoisonMessageException extends RuntimeException {

	public PoisonMessageException(String message) {
		super(message);
	}

	public PoisonMessageException(String message, Throwable cause) {
		super(message, cause);
	}

}
