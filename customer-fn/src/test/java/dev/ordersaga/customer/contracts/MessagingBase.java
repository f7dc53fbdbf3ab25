package dev.ordersaga.customer.contracts;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.messaging.Message;

import static dev.ordersaga.support.testing.TestEvents.event;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Base of the tests generated from {@code contracts/customer-fn/<consumer>/}: each
 * trigger drives customer-fn through its real code path (an order event through
 * {@code decideCredit}, or the HTTP edge and the outbox relay) until the event the
 * contract pins is on the test binder's output, alone.
 */
public abstract class MessagingBase extends ContractTestBase {

	/** order.created.v1 of 30,000 KRW for a customer with 100,000 KRW available. */
	public void creditReservedForOrder() {
		String customerId = UUID.randomUUID().toString();
		customer(customerId, 100_000, "KRW");
		output.clear();
		input.send(orderCreated(UUID.randomUUID().toString(), customerId, 30_000), "order-events");
	}

	/** order.created.v1 of 30,000 KRW for a customer with 10,000 KRW available. */
	public void creditRefusedForOrder() {
		String customerId = UUID.randomUUID().toString();
		customer(customerId, 10_000, "KRW");
		output.clear();
		input.send(orderCreated(UUID.randomUUID().toString(), customerId, 30_000), "order-events");
	}

	/** order.created.v1 for a customer customer-fn never registered. */
	public void orderOfUnknownCustomer() {
		output.clear();
		input.send(orderCreated(UUID.randomUUID().toString(), UUID.randomUUID().toString(), 30_000), "order-events");
	}

	/** order.cancelled.v1 of an order holding 30,000 KRW of a 100,000 KRW limit. */
	public void creditReleasedForCancelledOrder() {
		String customerId = UUID.randomUUID().toString();
		String orderId = UUID.randomUUID().toString();
		customer(customerId, 100_000, "KRW");
		input.send(orderCreated(orderId, customerId, 30_000), "order-events");
		output.clear();
		input.send(event("order.cancelled.v1", orderId, """
				{"orderId":"%s","customerId":"%s","total":{"amount":30000,"currency":"KRW"},"reason":"TIMEOUT"}"""
			.formatted(orderId, customerId)), "order-events");
	}

	/** POST /customers; the outbox relay publishes customer.registered.v1. */
	public void customerRegistered() throws Exception {
		output.clear();
		awaitRelayed(register());
	}

	/**
	 * PATCH /customers/{id} with a new e-mail address; the outbox relay publishes
	 * customer.updated.v1.
	 */
	public void customerChangedEmail() throws Exception {
		String customerId = register();
		awaitRelayed(customerId);
		output.clear();
		mvc.perform(patch("/customers/{id}", customerId).contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"new@example.com\"}")).andExpect(status().isOk());
		awaitRelayed(customerId);
	}

	private String register() throws Exception {
		String response = mvc.perform(post("/customers").contentType(MediaType.APPLICATION_JSON).content("""
				{"name":"Customer One","email":"one@example.com","locale":"ko",
				 "creditLimit":{"amount":100000,"currency":"KRW"}}"""))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode customer = json.readTree(response);
		return customer.get("customerId").asString();
	}

	private static Message<byte[]> orderCreated(String orderId, String customerId, long amount) {
		return event("order.created.v1", orderId,
				"""
						{"orderId":"%s","customerId":"%s","total":{"amount":%d,"currency":"KRW"},"createdAt":"2026-11-25T10:00:00Z"}"""
					.formatted(orderId, customerId, amount));
	}

}
