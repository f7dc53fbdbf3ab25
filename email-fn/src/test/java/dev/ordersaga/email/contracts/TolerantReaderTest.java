package dev.ordersaga.email.contracts;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ordersaga.contracts.BreakingChanges;
import dev.ordersaga.contracts.EventContract;
import dev.ordersaga.email.CustomerId;
import dev.ordersaga.email.OrderId;
import dev.ordersaga.email.sending.EmailKind;

import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer may add fields at any time (EVENTS.md): email-fn reacts to every event it
 * has a contract for exactly as before when the stub message carries fields it never
 * heard of, at the top level and inside its objects.
 */
class TolerantReaderTest extends ContractTestBase {

	static Stream<EventContract> consumed() {
		return CONTRACTS.consumedBy("email-fn").stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("consumed")
	void reactsAsBeforeWhenTheProducerAddsFields(EventContract contract) {
		String orderId = UUID.randomUUID().toString();
		String customerId = UUID.randomUUID().toString();
		Map<String, Object> body = withAddedFields(contract, orderId, customerId);
		String subject = body.containsKey("orderId") ? orderId : customerId;

		input.send(MessageBuilder.withPayload(json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8))
			.copyHeaders(headers(contract, subject))
			.build(), contract.destination());

		switch (contract.type()) {
			case "customer.registered.v1", "customer.updated.v1" ->
				assertThat(contacts.find(CustomerId.of(customerId))).isPresent();
			case "order.created.v1", "order.approved.v1" ->
				assertThat(contacts.customerOf(OrderId.of(orderId))).contains(CustomerId.of(customerId));
			case "order.completed.v1" -> assertThat(email(orderId, EmailKind.ORDER_COMPLETED)).isNotNull();
			case "order.cancelled.v1" -> assertThat(email(orderId, EmailKind.ORDER_CANCELLED)).isNotNull();
			case "payment.processed.v1" -> assertThat(email(orderId, EmailKind.PAYMENT_COMPLETED)).isNotNull();
			case "payment.refunded.v1" -> assertThat(email(orderId, EmailKind.PAYMENT_REFUNDED)).isNotNull();
			default -> throw new AssertionError("No expectation for " + contract.type() + ": add one here");
		}
	}

	static Map<String, Object> withAddedFields(EventContract contract, String orderId, String customerId) {
		Map<String, Object> body = BreakingChanges.addFields().apply(contract.exampleBody());
		body.computeIfPresent("orderId", (field, value) -> orderId);
		body.put("customerId", customerId);
		return body;
	}

	private static Map<String, Object> headers(EventContract contract, String subject) {
		Map<String, Object> headers = new LinkedHashMap<>(contract.exampleHeaders());
		headers.put("ce_id", UUID.randomUUID().toString());
		headers.put("ce_subject", subject);
		headers.put("ce_addedlater", "value");
		return headers;
	}

}
