package dev.ordersaga.email.contracts;

import java.util.UUID;

import dev.ordersaga.email.sending.EmailKind;

import static dev.ordersaga.support.testing.TestEvents.event;

/**
 * Base of the tests generated from {@code contracts/email-fn/<consumer>/}: each trigger
 * feeds email-fn the events that make it send (through GreenMail) or give up an e-mail,
 * and waits until the outbox relay published the outcome on {@code email-events}.
 */
public abstract class MessagingBase extends ContractTestBase {

	/** A known customer's order completes: the ORDER_COMPLETED e-mail goes out. */
	public void orderCompletedEmailSent() {
		String customerId = UUID.randomUUID().toString();
		String orderId = UUID.randomUUID().toString();
		output.clear();
		input.send(event("customer.registered.v1", customerId, """
				{"customerId":"%s","name":"Customer One","email":"customer-%s@example.com","locale":"en"}"""
			.formatted(customerId, customerId)), "customer-profiles");
		input.send(event("order.completed.v1", orderId, """
				{"orderId":"%s","customerId":"%s","total":{"amount":30000,"currency":"KRW"},
				 "paymentId":"pay-1","completedAt":"2026-11-25T10:00:00Z"}""".formatted(orderId, customerId)),
				"order-events");
		awaitRelayed(orderId, EmailKind.ORDER_COMPLETED);
	}

	/**
	 * An order of a customer customer-fn does not know is cancelled: no contact will ever
	 * come, the ORDER_CANCELLED e-mail is given up at once.
	 */
	public void orderCancelledEmailGivenUp() {
		String orderId = UUID.randomUUID().toString();
		output.clear();
		input.send(event("order.cancelled.v1", orderId, """
				{"orderId":"%s","customerId":"%s","total":{"amount":30000,"currency":"KRW"},
				 "reason":"UNKNOWN_CUSTOMER","cancelledAt":"2026-11-25T10:00:00Z"}""".formatted(orderId,
				UUID.randomUUID())), "order-events");
		awaitRelayed(orderId, EmailKind.ORDER_CANCELLED);
	}

}
