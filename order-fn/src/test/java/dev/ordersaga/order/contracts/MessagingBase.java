package dev.ordersaga.order.contracts;

import tools.jackson.databind.JsonNode;

import dev.ordersaga.order.OrderStatus;

import org.springframework.http.MediaType;

import static dev.ordersaga.support.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Base of the tests generated from {@code contracts/order-fn/<consumer>/}: each trigger
 * drives order-fn through its real code path (HTTP edge and outbox relay, or an input
 * event through the function's binding) until the event the contract pins is on
 * {@code order-events}, alone.
 */
public abstract class MessagingBase extends ContractTestBase {

	static final String CUSTOMER = "7a0d5f1e-3b2c-4e8d-9f6a-1c2b3d4e5f60";

	/** POST /orders; the outbox relay publishes {@code order.created.v1}. */
	public void orderPlaced() throws Exception {
		output.clear();
		String orderId = place();
		awaitRelayed(orderId);
	}

	/**
	 * The customer cancels a pending order (POST /orders/{id}/cancel); the outbox relay
	 * publishes {@code order.cancelled.v1}.
	 */
	public void orderCancelledOnRequest() throws Exception {
		String orderId = place();
		awaitRelayed(orderId);
		output.clear();
		mvc.perform(post("/orders/{id}/cancel", orderId)).andExpect(status().isAccepted());
		awaitRelayed(orderId);
	}

	/**
	 * customer-fn reserved the order's credit; {@code applyCreditDecision} answers with
	 * {@code order.approved.v1}.
	 */
	public void orderApprovedOnReservedCredit() throws Exception {
		String orderId = place();
		awaitRelayed(orderId);
		output.clear();
		reserveCredit(orderId);
	}

	/**
	 * payment-fn charged the approved order; {@code applyPaymentResult} answers with
	 * {@code order.completed.v1}.
	 */
	public void orderCompletedByPayment() throws Exception {
		String orderId = place();
		awaitRelayed(orderId);
		reserveCredit(orderId);
		output.clear();
		input.send(
				event("payment.processed.v1", orderId,
						"{\"orderId\":\"%s\",\"paymentId\":\"pay-%s\"}".formatted(orderId, orderId.substring(0, 8))),
				"payment-events");
	}

	private void reserveCredit(String orderId) {
		input.send(event("credit.reserved.v1", orderId, "{\"orderId\":\"%s\"}".formatted(orderId)), "customer-events");
		assertThat(statusOf(orderId)).isEqualTo(OrderStatus.APPROVED);
	}

	private String place() throws Exception {
		String response = mvc
			.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"customerId":"%s","paymentMethod":"tok_visa",
						 "lines":[{"sku":"BOOK-1","quantity":2,"unitPrice":{"amount":15000,"currency":"KRW"}}]}"""
					.formatted(CUSTOMER)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode order = json.readTree(response);
		return order.get("orderId").asString();
	}

}
