package dev.ordersaga.payment.contracts;

import java.util.UUID;

import static dev.ordersaga.support.testing.TestEvents.event;

/**
 * Base of the tests generated from {@code contracts/payment-fn/<consumer>/}: each trigger
 * sends order-fn's event into {@code settlePayment}, which asks the payment provider and
 * answers with the payment event the contract pins.
 */
public abstract class MessagingBase extends ContractTestBase {

	/** An approved order paid with {@code tok_visa}: the provider charges it. */
	public void paymentProcessed() {
		output.clear();
		approve(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "tok_visa");
	}

	/** An approved order paid with {@code tok_declined}: the provider declines it. */
	public void paymentDeclined() {
		output.clear();
		approve(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "tok_declined");
	}

	/** A charged order is cancelled: its payment is refunded. */
	public void paymentRefunded() {
		String orderId = UUID.randomUUID().toString();
		String customerId = UUID.randomUUID().toString();
		approve(orderId, customerId, "tok_visa");
		output.clear();
		input.send(event("order.cancelled.v1", orderId, """
				{"orderId":"%s","customerId":"%s","total":{"amount":30000,"currency":"KRW"},"reason":"TIMEOUT"}"""
			.formatted(orderId, customerId)), "order-events");
	}

}
