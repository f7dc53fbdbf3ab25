package dev.ordersaga.order.contracts;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ordersaga.contracts.BreakingChanges;
import dev.ordersaga.contracts.EventContract;
import dev.ordersaga.order.OrderStatus;

import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer may add fields at any time (EVENTS.md): order-fn reacts to every event it
 * has a contract for exactly as before when the stub message carries fields it never
 * heard of, at the top level and inside its objects.
 */
class TolerantReaderTest extends ContractTestBase {

	static Stream<EventContract> consumed() {
		return CONTRACTS.consumedBy("order-fn").stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("consumed")
	void reactsAsBeforeWhenTheProducerAddsFields(EventContract contract) {
		String orderId = UUID.randomUUID().toString();
		boolean payment = contract.type().startsWith("payment.");
		OrderStatus before = payment ? approvedOrder(orderId).status() : pendingOrder(orderId, orderId).status();

		input.send(MessageBuilder
			.withPayload(json.writeValueAsString(withAddedFields(contract, orderId)).getBytes(StandardCharsets.UTF_8))
			.copyHeaders(headers(contract, orderId))
			.build(), contract.destination());

		assertThat(statusOf(orderId)).as("order after %s with added fields", contract.type()).isNotEqualTo(before);
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
