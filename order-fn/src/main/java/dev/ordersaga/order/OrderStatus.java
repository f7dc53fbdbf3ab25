package dev.ordersaga.order;

public enum OrderStatus {

	PENDING, APPROVED, COMPLETED, CANCELLED;

	public boolean isTerminal() {
		return this == COMPLETED || this == CANCELLED;
	}

}
