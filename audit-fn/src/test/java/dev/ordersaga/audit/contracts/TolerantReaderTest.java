package dev.ordersaga.audit.contracts;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ordersaga.contracts.EventContract;

import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer may add fields at any time (EVENTS.md): audit-fn files every event it has a
 * contract for exactly as before when the stub message carries fields and headers it
 * never heard of, at the top level and inside its objects.
 */
class TolerantReaderTest extends ContractTestBase {

	static Stream<EventContract> consumed() {
		return CONTRACTS.consumedBy("audit-fn").stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("consumed")
	void filesTheEventAsBeforeWhenTheProducerAddsFields(EventContract contract) {
		String orderId = UUID.randomUUID().toString();
		String eventId = UUID.randomUUID().toString();
		Map<String, Object> headers = new LinkedHashMap<>(contract.exampleHeaders());
		headers.put("ce_id", eventId);
		headers.put("ce_subject", orderId);
		headers.put("ce_addedlater", "value");

		input.send(MessageBuilder
			.withPayload(json.writeValueAsString(withAddedFields(contract)).getBytes(StandardCharsets.UTF_8))
			.copyHeaders(headers)
			.build(), contract.destination());

		assertThat(assertFiled(contract, orderId, eventId).facts()).doesNotContainKey("addedLater");
	}

	private static Map<String, Object> withAddedFields(EventContract contract) {
		Map<String, Object> body = new LinkedHashMap<>();
		contract.exampleBody()
			.forEach((field, value) -> body.put(field, value instanceof Map<?, ?> object ? extended(object) : value));
		body.put("addedLater", Map.of("nested", true, "list", List.of(1, 2)));
		return body;
	}

	private static Map<Object, Object> extended(Map<?, ?> object) {
		Map<Object, Object> copy = new LinkedHashMap<>(object);
		copy.put("addedLater", "value");
		return copy;
	}

}
