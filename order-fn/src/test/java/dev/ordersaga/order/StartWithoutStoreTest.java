package dev.ordersaga.order;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.support.testing.EmbeddedMongo;
import dev.ordersaga.support.testing.KafkaTopics;
import dev.ordersaga.support.testing.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * order-fn (re)started while MongoDB refuses connections: it must start, report not
 * ready, create its indexes once the store answers, and then work. Before the fix the
 * context died in Spring Data's start-up index creation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
				"spring.cloud.stream.kafka.binder.min-partition-count=2" })
@EmbeddedKafka(partitions = 2, topics = { "order-events", "customer-events", "payment-events" })
class StartWithoutStoreTest {

	/** Where the store will listen, once the test lets it: nothing listens there yet. */
	static final int STORE_PORT = freePort();

	static MongoServer store;

	@Autowired
	EmbeddedKafkaBroker broker;

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		// short timeouts: the start must not depend on how long the driver waits
		registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + STORE_PORT
				+ "/order-fn-late?serverSelectionTimeoutMS=1000&connectTimeoutMS=500");
		TestIssuer.register(registry);
	}

	@AfterAll
	static void stopStore() {
		if (store != null) {
			store.shutdownNow();
		}
	}

	@Test
	void startsNotReadyWithoutItsStoreAndWorksOnceTheStoreAnswers() {
		// an operator sees the health details; the actuator answers on the management
		// port
		RestClient http = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, TestIssuer.operator())
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
		RestClient management = http.mutate().baseUrl("http://localhost:" + managementPort).build();

		ResponseEntity<String> liveness = management.get()
			.uri("/actuator/health/liveness")
			.retrieve()
			.toEntity(String.class);
		ResponseEntity<String> notReady = management.get()
			.uri("/actuator/health/readiness")
			.retrieve()
			.toEntity(String.class);
		assertThat(liveness.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(notReady.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(status(notReady, "storeIndexes")).isEqualTo("DOWN");

		store = EmbeddedMongo.serve(STORE_PORT);

		ResponseEntity<String> ready = await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> management.get().uri("/actuator/health/readiness").retrieve().toEntity(String.class),
					answer -> answer.getStatusCode() == HttpStatus.OK);
		assertThat(status(ready, "storeIndexes")).isEqualTo("UP");
		assertThat(status(ready, "mongo")).isEqualTo("UP");
		ResponseEntity<String> placed = http.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body("""
					{"customerId":"%s","paymentMethod":"tok_visa",
					 "lines":[{"sku":"BOOK-1","quantity":1,"unitPrice":{"amount":15000,"currency":"KRW"}}]}"""
				.formatted(UUID.randomUUID()))
			.retrieve()
			.toEntity(String.class);
		assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String orderId = JsonMapper.builder().build().readTree(placed.getBody()).path("orderId").asString();
		KafkaTopics topics = new KafkaTopics(broker.getBrokersAsString());
		await().atMost(Duration.ofSeconds(30))
			.until(() -> topics.records("order-events")
				.stream()
				.anyMatch(record -> orderId.equals(record.key())
						&& "order.created.v1".equals(KafkaTopics.header(record, "ce_type"))));
	}

	private static String status(ResponseEntity<String> health, String component) {
		JsonNode body = JsonMapper.builder().build().readTree(health.getBody());
		return body.path("components").path(component).path("status").asString();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
