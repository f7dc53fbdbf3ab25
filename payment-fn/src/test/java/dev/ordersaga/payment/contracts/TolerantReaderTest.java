package dev.ordersaga.payment.contracts;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ordersaga.contracts.BreakingChanges;
import dev.ordersaga.contracts.EventContract;
import dev.ordersaga.payment.PaymentStatus;

import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer may add fields at any time (EVENTS.md): payment-fn reacts to every event it
 * has a contract for exactly as before when the stub message carries fields it never
 * heard of, at the top level and inside its objects.
 */
class TolerantReaderTest extends ContractTestBase {

	static Stream<EventContract> consumed() {
		return CONTRACTS.consumedBy("payment-fn").stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("consumed")
	void reactsAsBeforeWhenTheProducerAddsFields(EventContract contract) {
		String orderId = UUID.randomUUID().toString();

		input.send(MessageBuilder
			.withPayload(json.writeValueAsString(withAddedFields(contract, orderId)).getBytes(StandardCharsets.UTF_8))
			.copyHeaders(headers(contract, orderId))
			.build(), contract.destination());

		PaymentStatus expected = switch (contract.type()) {
			case "order.approved.v1" -> PaymentStatus.CHARGED;
			case "order.cancelled.v1" -> PaymentStatus.VOIDED;
			default -> throw new AssertionError("No expectation for " + contract.type() + ": add one here");
		};
		assertThat(payment(orderId).status()).as("payment after %s", contract.type()).isEqualTo(expected);
	}

	static Map<String, Object> withAddedFields(EventContract contract, String orderId) {
		Map<String, Object> body = BreakingChanges.addFields().apply(contract.exampleBody());
		body.put("orderId", orderId);
		return body;
	}

	private static Map<String, Object> headers(EventContract contract, String orderId) {
		Map<String, Object> headers = new LinkedHashMap<>(contract.exampleHeaders());
		headers.put("ce_id", UUID.randomUUID().toString());
		headers.put("ce_subject", orderId);
		headers.put("ce_addedlater", "value");
		return headers;
	}

}
