package dev.ordersaga.customer.contracts;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ordersaga.contracts.BreakingChanges;
import dev.ordersaga.contracts.EventContract;
import dev.ordersaga.customer.OrderId;
import dev.ordersaga.customer.Reservation;

import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer may add fields at any time (EVENTS.md): customer-fn reacts to every event it
 * has a contract for exactly as before when the stub message carries fields it never
 * heard of, at the top level and inside its objects.
 */
class TolerantReaderTest extends ContractTestBase {

	static Stream<EventContract> consumed() {
		return CONTRACTS.consumedBy("customer-fn").stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("consumed")
	void reactsAsBeforeWhenTheProducerAddsFields(EventContract contract) {
		String orderId = UUID.randomUUID().toString();
		String customerId = UUID.randomUUID().toString();
		customer(customerId, 100_000, "KRW");
		boolean created = contract.type().equals("order.created.v1");
		if (!created) {
			reserve(orderId, customerId, 30_000);
		}

		input.send(MessageBuilder
			.withPayload(json.writeValueAsString(withAddedFields(contract, orderId, customerId))
				.getBytes(StandardCharsets.UTF_8))
			.copyHeaders(headers(contract, orderId))
			.build(), contract.destination());

		Reservation.Status expected = switch (contract.type()) {
			case "order.created.v1" -> Reservation.Status.OPEN;
			case "order.cancelled.v1" -> Reservation.Status.RELEASED;
			case "order.completed.v1" -> Reservation.Status.SETTLED;
			default -> throw new AssertionError("No expectation for " + contract.type() + ": add one here");
		};
		assertThat(reload(customerId).reservation(OrderId.of(orderId))).as("reservation after %s", contract.type())
			.get()
			.extracting(Reservation::status)
			.isEqualTo(expected);
	}

	static Map<String, Object> withAddedFields(EventContract contract, String orderId, String customerId) {
		Map<String, Object> body = BreakingChanges.addFields().apply(contract.exampleBody());
		body.put("orderId", orderId);
		body.put("customerId", customerId);
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
