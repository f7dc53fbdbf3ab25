package dev.ordersaga.audit.contracts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ordersaga.contracts.BreakingChanges;
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

		byte[] body = json.writeValueAsBytes(BreakingChanges.addFields().apply(contract.exampleBody()));

		input.send(MessageBuilder.withPayload(body).copyHeaders(headers).build(), contract.destination());

		assertThat(assertFiled(contract, orderId, eventId).facts()).doesNotContainKey("addedLater");
	}

}
