package dev.ordersaga.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters with their saga, replayed and discarded through the HTTP API, on the real
 * broker: the replayed record is read back from its topic, and a replay that fails again
 * is published back to the dead-letter topic as the services' error handler would.
 */
@Order(5)
class DeadLetterOperationsTest extends AuditFnTestBase {

	@Autowired
	MeterRegistry meters;

	@Test
	void replaysADeadLetterWithItsKeyAndCloudEventHeadersRecordsWhoDidItAndShowsAReplayThatFailsAgain() {
		SagaScript script = SagaScript.completed(Instant.now());
		SagaScript.Step charge = script.step("payment.processed.v1");
		byte[] body = json.writeValueAsBytes(charge.body());
		publish(script);
		// order-fn could not take the charge: the binder moved the record to the DLQ
		publishRaw("payment-events.dlq", script.orderId, deadLetterHeaders(script.orderId, charge, "payment-events", 1,
				42, "Invalid payment.processed.v1 event " + charge.id() + ": amount must not be null"), body);

		JsonNode listed = awaitDeadLetters("?orderId=" + script.orderId, 1).get(0);
		String id = listed.path("id").asString();
		assertThat(id).startsWith("payment-events.dlq/");
		assertThat(listed.path("status").asString()).isEqualTo("OPEN");
		assertThat(listed.path("key").asString()).isEqualTo(script.orderId);
		assertThat(listed.path("type").asString()).isEqualTo("payment.processed.v1");
		assertThat(listed.path("eventId").asString()).isEqualTo(charge.id());
		assertThat(listed.path("reason").asString()).contains("amount must not be null");
		assertThat(listed.at("/original/topic").asString()).isEqualTo("payment-events");
		assertThat(listed.at("/original/offset").asLong()).isEqualTo(42);
		assertThat(listed.at("/saga/verdict").asString()).isEqualTo("VIOLATED");
		assertThat(listed.at("/saga/rules").valueStream().map(JsonNode::asString)).containsExactly("dead-letter");
		assertThat(listed.at("/saga/timeline").valueStream().map(step -> step.path("kind").asString()))
			.contains("EVENT", "DEAD_LETTER");

		JsonNode detail = get("/dead-letters/" + id);
		assertThat(detail.path("available").asBoolean()).isTrue();
		assertThat(detail.path("payload").asString()).isEqualTo(new String(body, StandardCharsets.UTF_8));
		assertThat(detail.path("payloadEncoding").asString()).isEqualTo("utf-8");
		assertThat(detail.at("/headers/ce_id").asString()).isEqualTo(charge.id());

		Response replayed = post("/dead-letters/" + id + "/replay", Map.of("note", "order-fn fixed"));
		assertThat(replayed.status()).isEqualTo(200);
		assertThat(replayed.body().path("status").asString()).isEqualTo("REPLAYED");
		JsonNode action = replayed.body().at("/actions/0");
		assertThat(action.path("kind").asString()).isEqualTo("REPLAYED");
		assertThat(action.path("by").asString()).isEqualTo("saga-operator");
		assertThat(action.path("reason").asString()).isEqualTo("order-fn fixed");
		String replayedTo = action.path("replayedTo").asString();
		assertThat(replayedTo).startsWith("payment-events/");

		ConsumerRecord<String, byte[]> republished = read(replayedTo);
		assertThat(republished.key()).isEqualTo(script.orderId);
		assertThat(republished.value()).isEqualTo(body);
		assertThat(header(republished, "ce_id")).isEqualTo(charge.id());
		assertThat(header(republished, "ce_type")).isEqualTo("payment.processed.v1");
		assertThat(header(republished, "traceparent")).isEqualTo(charge.traceparent());
		assertThat(header(republished, "x-replayed-by")).isEqualTo("saga-operator");
		assertThat(header(republished, "x-replay-of")).isEqualTo(id);
		assertThat(header(republished, "x-exception-message")).isNull();
		assertThat(header(republished, "x-original-topic")).isNull();

		// dealt with: the saga is judged without it, and its timeline shows who did what
		JsonNode saga = awaitVerdict(script.orderId, "CONSISTENT");
		assertThat(saga.path("timeline")).anySatisfy(step -> {
			assertThat(step.path("kind").asString()).isEqualTo("ACTION");
			assertThat(step.path("type").asString()).isEqualTo("dead-letter.replayed");
			assertThat(step.path("producer").asString()).isEqualTo("operator");
			assertThat(step.at("/facts/by").asString()).isEqualTo("saga-operator");
			assertThat(step.at("/facts/replayedTo").asString()).isEqualTo(replayedTo);
			assertThat(step.path("reason").asString()).isEqualTo("order-fn fixed");
		});
		// the replayed record is the same event: a copy, not a new one
		awaitSaga(script.orderId, current -> current.path("timeline")
			.valueStream()
			.anyMatch(step -> charge.id().equals(step.path("id").asString()) && step.path("copies").asInt() == 2));

		// safe to repeat, and every replay is recorded
		Response again = post("/dead-letters/" + id + "/replay", null);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body().path("actions")).hasSize(2);

		// still poison: the consumer's error handler sends the replayed record back to
		// the DLQ, headers and all
		Map<String, byte[]> failedAgain = new HashMap<>();
		for (Header header : republished.headers()) {
			failedAgain.put(header.key(), header.value());
		}
		failedAgain.putAll(deadLetterHeaders(script.orderId, charge, "payment-events", republished.partition(),
				republished.offset(), "Invalid payment.processed.v1 event: amount must not be null"));
		publishRaw("payment-events.dlq", script.orderId, failedAgain, republished.value());
		List<JsonNode> both = awaitDeadLetters("?orderId=" + script.orderId + "&topic=payment-events", 2);
		assertThat(both.getFirst().path("replayOf").asString()).isEqualTo(id);
		assertThat(both.getFirst().path("status").asString()).isEqualTo("OPEN");
		assertThat(both.get(1).path("id").asString()).isEqualTo(id);
		assertThat(both.get(1).path("status").asString()).isEqualTo("REPLAYED");
		awaitVerdict(script.orderId, "VIOLATED");
	}

	@Test
	void discardingNeedsAReasonAndRecordsItOnTheDeadLetterAndTheTimeline() {
		SagaScript script = SagaScript.creditRefused(Instant.now());
		publish(script);
		Map<String, byte[]> headers = Map.of("x-original-topic", bytes("order-events"), "x-exception-message",
				bytes("Unreadable order.created.v1 event: not JSON"), "ce_type", bytes("order.created.v1"), "ce_id",
				bytes(UUID.randomUUID().toString()));
		publishRaw("order-events.dlq", script.orderId, headers, new byte[] { (byte) 0xff, 0, 'x' });
		String id = awaitDeadLetters("?orderId=" + script.orderId, 1).get(0).path("id").asString();
		assertThat(get("/dead-letters/" + id).path("payloadEncoding").asString()).isEqualTo("base64");

		Response withoutReason = post("/dead-letters/" + id + "/discard", null);
		assertThat(withoutReason.status()).isEqualTo(400);
		assertThat(withoutReason.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(withoutReason.body().toString()).contains("reason");
		assertThat(post("/dead-letters/" + id + "/discard", Map.of("reason", " ")).status()).isEqualTo(400);

		Response discarded = post("/dead-letters/" + id + "/discard",
				Map.of("reason", "written by hand during a test, never a real order"));
		assertThat(discarded.status()).isEqualTo(200);
		assertThat(discarded.body().path("status").asString()).isEqualTo("DISCARDED");
		assertThat(discarded.body().at("/actions/0/reason").asString())
			.isEqualTo("written by hand during a test, never a real order");
		JsonNode saga = awaitVerdict(script.orderId, "CONSISTENT");
		assertThat(saga.path("timeline")).anySatisfy(step -> {
			assertThat(step.path("type").asString()).isEqualTo("dead-letter.discarded");
			assertThat(step.path("reason").asString()).isEqualTo("written by hand during a test, never a real order");
		});

		assertThat(meters.find("saga.audit.deadletter.actions")
			.tags("topic", "order-events.dlq", "action", "discarded")
			.counter()
			.count()).isPositive();

		assertThat(post("/dead-letters/" + id + "/replay", null).status()).isEqualTo(409);
		assertThat(post("/dead-letters/" + id + "/discard", Map.of("reason", "again")).status()).isEqualTo(409);
		assertThat(post("/dead-letters/order-events.dlq/0/999999/replay", null).status()).isEqualTo(404);
		assertThat(get("/dead-letters/order-events.dlq/0/999999")).isNull();
	}

	@Test
	void bulkReplayTakesTheOpenDeadLettersMatchingTheFilterOnce() {
		SagaScript script = SagaScript.completed(Instant.now());
		publish(script);
		SagaScript.Step reserved = script.step("credit.reserved.v1");
		byte[] body = json.writeValueAsBytes(reserved.body());
		publishRaw("customer-events.dlq", script.orderId, deadLetterHeaders(script.orderId, reserved, "customer-events",
				0, 5, "Invalid credit.reserved.v1 event: amount must not be null"), body);
		publishRaw("customer-events.dlq", script.orderId, Map.of("x-original-topic", bytes("customer-events"),
				"x-exception-message", bytes("Missing CloudEvents header ce_type: cannot tell what this record is")),
				bytes("{}"));
		awaitDeadLetters("?orderId=" + script.orderId, 2);
		assertThat(deadLetters("?orderId=" + script.orderId + "&topic=customer-events.dlq")).hasSize(2);
		assertThat(deadLetters("?orderId=" + script.orderId + "&topic=payment-events")).isEmpty();
		assertThat(deadLetters("?orderId=" + script.orderId + "&since=" + Instant.now().plusSeconds(3600))).isEmpty();
		assertThat(deadLetters("?orderId=" + script.orderId + "&reason=CloudEvents")).hasSize(1);

		assertThat(post("/dead-letters/replay", Map.of()).status()).isEqualTo(400);
		Response bulk = post("/dead-letters/replay",
				Map.of("topic", "customer-events", "orderId", script.orderId, "reason", "INVALID"));
		assertThat(bulk.status()).isEqualTo(200);
		assertThat(bulk.body().path("replayed").asInt()).isEqualTo(1);
		assertThat(bulk.body().at("/deadLetters/0/eventId").asString()).isEqualTo(reserved.id());
		assertThat(read(bulk.body().at("/deadLetters/0/actions/0/replayedTo").asString()).key())
			.isEqualTo(script.orderId);
		// already replayed: a second bulk replay leaves it alone
		assertThat(post("/dead-letters/replay", Map.of("orderId", script.orderId, "reason", "invalid")).body()
			.path("replayed")
			.asInt()).isZero();
		assertThat(deadLetters("?orderId=" + script.orderId)).extracting(letter -> letter.path("status").asString())
			.containsExactlyInAnyOrder("REPLAYED", "OPEN");
	}

	record Response(int status, String contentType, JsonNode body) {
	}

	Response post(String path, Object body) {
		var request = http().post().uri(path).contentType(MediaType.APPLICATION_JSON);
		if (body != null) {
			request.body(json.writeValueAsBytes(body));
		}
		return request.exchange((req, response) -> {
			byte[] bytes = response.getBody().readAllBytes();
			MediaType type = response.getHeaders().getContentType();
			return new Response(response.getStatusCode().value(),
					type == null ? null : type.getType() + "/" + type.getSubtype(),
					bytes.length == 0 ? null : json.readTree(bytes));
		});
	}

	List<JsonNode> deadLetters(String query) {
		return get("/dead-letters" + query).path("content").valueStream().toList();
	}

	List<JsonNode> awaitDeadLetters(String query, int count) {
		return await().atMost(WAIT).until(() -> deadLetters(query), letters -> letters.size() == count);
	}

	/**
	 * The headers the services' dead-letter publisher puts on a record it gives up on.
	 */
	static Map<String, byte[]> deadLetterHeaders(String orderId, SagaScript.Step step, String topic, int partition,
			long offset, String reason) {
		Map<String, byte[]> headers = new HashMap<>();
		headers.put("ce_id", bytes(step.id()));
		headers.put("ce_type", bytes(step.type()));
		headers.put("ce_source", bytes(step.source()));
		headers.put("ce_specversion", bytes("1.0"));
		headers.put("ce_time", bytes(step.time().toString()));
		headers.put("ce_subject", bytes(orderId));
		headers.put("traceparent", bytes(step.traceparent()));
		headers.put("x-original-topic", bytes(topic));
		headers.put("x-original-partition", ByteBuffer.allocate(4).putInt(partition).array());
		headers.put("x-original-offset", ByteBuffer.allocate(8).putLong(offset).array());
		headers.put("x-exception-message", bytes(reason));
		headers.put("x-exception-fqcn", bytes("dev.ordersaga.support.events.PoisonMessageException"));
		return headers;
	}

	/** The record at {@code topic/partition/offset}. */
	ConsumerRecord<String, byte[]> read(String position) {
		String[] parts = position.split("/");
		TopicPartition partition = new TopicPartition(parts[0], Integer.parseInt(parts[1]));
		long offset = Long.parseLong(parts[2]);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
						ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
			consumer.assign(List.of(partition));
			consumer.seek(partition, offset);
			return await().atMost(WAIT)
				.until(() -> consumer.poll(Duration.ofMillis(200)).records(partition).stream().findFirst(),
						found -> found.isPresent())
				.filter(record -> record.offset() == offset)
				.orElseThrow();
		}
	}

	static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
