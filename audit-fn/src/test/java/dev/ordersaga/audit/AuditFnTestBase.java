package dev.ordersaga.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.support.testing.EmbeddedMongo;
import dev.ordersaga.support.testing.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.awaitility.Awaitility.await;

/**
 * audit-fn on a real embedded Kafka broker (KRaft) and the embedded MongoDB wire-protocol
 * server. All test classes share this configuration, hence one Spring context and one
 * broker per test JVM. The grace period is seconds instead of a minute. Test classes run
 * in {@code @Order} (junit-platform.properties): the clean mix of sagas is judged before
 * any rule is broken on purpose.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
				"spring.cloud.stream.kafka.binder.min-partition-count=2", "saga.audit.grace=2s",
				"saga.audit.sweep-interval=200ms", "saga.audit.snapshot-interval=500ms",
				"saga.audit.lag-interval=500ms" })
@EmbeddedKafka(partitions = 2, topics = { "order-events", "customer-events", "payment-events", "email-events",
		"order-events.dlq", "customer-events.dlq", "payment-events.dlq", "email-events.dlq", "customer-profiles.dlq" })
abstract class AuditFnTestBase {

	static final Duration WAIT = Duration.ofSeconds(30);

	private static KafkaProducer<String, byte[]> producer;

	@Autowired
	protected EmbeddedKafkaBroker broker;

	@LocalServerPort
	protected int port;

	@LocalManagementPort
	protected int managementPort;

	@Autowired
	protected JsonMapper json;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> EmbeddedMongo.uri("audit-fn"));
		TestIssuer.register(registry);
		registry.add("saga.audit.login-issuer", DevIssuer::uri);
		registry.add("spring.autoconfigure.exclude", DevIssuer::authorizationServerAutoConfigurations);
	}

	@AfterAll
	static void closeProducer() {
		if (producer != null) {
			producer.close();
			producer = null;
		}
	}

	/**
	 * Publishes every step of a story as the services would: raw records, CloudEvents
	 * headers.
	 */
	protected void publish(SagaScript script) {
		script.steps().forEach(step -> publish(script.orderId, step));
	}

	protected void publish(String key, SagaScript.Step step) {
		Map<String, String> headers = new HashMap<>();
		headers.put("ce_id", step.id());
		headers.put("ce_type", step.type());
		headers.put("ce_source", step.source());
		headers.put("ce_specversion", "1.0");
		headers.put("ce_time", step.time().toString());
		headers.put("ce_subject", key);
		headers.put("traceparent", step.traceparent());
		publish(step.topic(), key, headers, json.writeValueAsBytes(step.body()));
	}

	protected void publish(String topic, String key, Map<String, String> headers, byte[] body) {
		Map<String, byte[]> raw = new HashMap<>();
		headers.forEach((name, value) -> raw.put(name, value.getBytes(StandardCharsets.UTF_8)));
		publishRaw(topic, key, raw, body);
	}

	protected void publishRaw(String topic, String key, Map<String, byte[]> headers, byte[] body) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, body);
		headers.forEach((name, value) -> record.headers().add(name, value));
		try {
			producer().send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private synchronized KafkaProducer<String, byte[]> producer() {
		if (producer == null) {
			producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
					ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
					ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
					ProducerConfig.LINGER_MS_CONFIG, 0));
		}
		return producer;
	}

	/** The actuator on its management port, as an operator. */
	protected RestClient management() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + managementPort)
			.defaultHeader("Authorization", TestIssuer.operator())
			.build();
	}

	protected RestClient http() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeader("Authorization", TestIssuer.operator())
			.build();
	}

	/** {@code GET} as a JSON tree; a 404 yields {@code null}. */
	protected JsonNode get(String path) {
		return http().get()
			.uri(path)
			.exchange((request, response) -> response.getStatusCode().value() == 404 ? null
					: json.readTree(response.getBody().readAllBytes()));
	}

	protected JsonNode saga(String orderId) {
		return get("/sagas/" + orderId);
	}

	protected JsonNode consistency() {
		return get("/consistency");
	}

	protected JsonNode awaitSaga(String orderId, Predicate<JsonNode> condition) {
		return await().atMost(WAIT).until(() -> saga(orderId), saga -> saga != null && condition.test(saga));
	}

	protected JsonNode awaitVerdict(String orderId, String verdict) {
		return awaitSaga(orderId, saga -> verdict.equals(saga.path("verdict").asString()));
	}

}
