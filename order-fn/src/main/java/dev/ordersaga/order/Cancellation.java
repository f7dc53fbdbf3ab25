package dev.ordersaga.order;

/** What a customer's request to cancel an order led to. */
public sealed interface Cancellation {

	/** The order is (now or already) cancelled. */
	record Cancelled(Order order) implements Cancellation {
	}

	/** The order completed before the request: it cannot be cancelled any more. */
	record TooLate(Order order) implements Cancellation {
	}

	record UnknownOrder(OrderId orderId) implements Cancellation {
	}

}
