package dev.ordersaga.audit;

/**
 * The order's lifecycle state as its events tell it. {@code UNKNOWN}: events of the order
 * arrived but none of order-fn's lifecycle events.
 */
public enum SagaState {

	UNKNOWN, PENDING, APPROVED, COMPLETED, CANCELLED;

	public boolean isTerminal() {
		return this == COMPLETED || this == CANCELLED;
	}

}
