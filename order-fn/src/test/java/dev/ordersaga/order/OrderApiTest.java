package dev.ordersaga.order;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ordersaga.support.testing.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP contract of ARCHITECTURE §7: shapes, idempotency and problem+json errors. */
class OrderApiTest extends OrderFnTestBase {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	MongoTemplate mongo;

	RestClient http;

	@BeforeEach
	void client() {
		http = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, TestIssuer.operator())
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	ResponseEntity<String> post(String body, String idempotencyKey) {
		var request = http.post().uri("/orders").contentType(MediaType.APPLICATION_JSON);
		if (idempotencyKey != null) {
			request = request.header("Idempotency-Key", idempotencyKey);
		}
		return request.body(body).retrieve().toEntity(String.class);
	}

	static String order(String customerId, String lines) {
		return """
				{"customerId":"%s","paymentMethod":"tok_visa","lines":%s}""".formatted(customerId, lines);
	}

	static String validOrder() {
		return order(UUID.randomUUID().toString(),
				"[{\"sku\":\"BOOK-1\",\"quantity\":2,\"unitPrice\":{\"amount\":15000,\"currency\":\"KRW\"}}]");
	}

	long storedOrders() {
		return mongo.getCollection("orders").countDocuments();
	}

	@Test
	void placesPendingOrderWithLocationTotalAndHistory() {
		ResponseEntity<String> response = post(validOrder(), null);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getHeaders().getLocation()).isNotNull();
		assertThat(response.getBody()).contains("\"status\":\"PENDING\"")
			.contains("\"total\":{\"amount\":30000,\"currency\":\"KRW\"}")
			.contains("\"history\":[{\"status\":\"PENDING\"")
			.doesNotContain("cancelReason");
		String location = response.getHeaders().getLocation().toString();
		assertThat(http.get().uri(location).retrieve().body(String.class))
			.contains(location.substring(location.lastIndexOf('/') + 1));
	}

	@Test
	void sameIdempotencyKeyTwiceCreatesOneOrder() {
		String key = UUID.randomUUID().toString();
		String body = validOrder();
		long before = storedOrders();

		ResponseEntity<String> first = post(body, key);
		ResponseEntity<String> retry = post(body, key);
		ResponseEntity<String> different = post(validOrder(), key);

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(retry.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
		assertThat(different.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(storedOrders()).isEqualTo(before + 1);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "malformed JSON           | {\"customerId\": | ",
			"missing customer         | {\"paymentMethod\":\"tok_visa\",\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":{\"amount\":1,\"currency\":\"EUR\"}}]} | customerId",
			"customer not a UUID      | {\"customerId\":\"nope\",\"paymentMethod\":\"tok_visa\",\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":{\"amount\":1,\"currency\":\"EUR\"}}]} | customerId",
			"no lines                 | {\"customerId\":\"7f8c1f2e-3c51-4c38-9a34-1d7f7b1f6c11\",\"paymentMethod\":\"tok_visa\",\"lines\":[]} | lines",
			"missing payment method   | {\"customerId\":\"7f8c1f2e-3c51-4c38-9a34-1d7f7b1f6c11\",\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":{\"amount\":1,\"currency\":\"EUR\"}}]} | paymentMethod",
			"zero amount              | {\"customerId\":\"7f8c1f2e-3c51-4c38-9a34-1d7f7b1f6c11\",\"paymentMethod\":\"tok_visa\",\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":{\"amount\":0,\"currency\":\"EUR\"}}]} | lines[0].unitPrice.amount",
			"negative amount          | {\"customerId\":\"7f8c1f2e-3c51-4c38-9a34-1d7f7b1f6c11\",\"paymentMethod\":\"tok_visa\",\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":{\"amount\":-5,\"currency\":\"EUR\"}}]} | lines[0].unitPrice.amount",
			"negative quantity        | {\"customerId\":\"7f8c1f2e-3c51-4c38-9a34-1d7f7b1f6c11\",\"paymentMethod\":\"tok_visa\",\"lines\":[{\"sku\":\"A\",\"quantity\":-1,\"unitPrice\":{\"amount\":5,\"currency\":\"EUR\"}}]} | lines[0].quantity",
			"unknown currency         | {\"customerId\":\"7f8c1f2e-3c51-4c38-9a34-1d7f7b1f6c11\",\"paymentMethod\":\"tok_visa\",\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":{\"amount\":5,\"currency\":\"XXY\"}}]} | lines[0].unitPrice.currency",
			"amount is text           | {\"customerId\":\"7f8c1f2e-3c51-4c38-9a34-1d7f7b1f6c11\",\"paymentMethod\":\"tok_visa\",\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":{\"amount\":\"ten\",\"currency\":\"EUR\"}}]} | lines[0].unitPrice.amount",
			"mixed currencies         | {\"customerId\":\"7f8c1f2e-3c51-4c38-9a34-1d7f7b1f6c11\",\"paymentMethod\":\"tok_visa\",\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":{\"amount\":5,\"currency\":\"EUR\"}},{\"sku\":\"B\",\"quantity\":1,\"unitPrice\":{\"amount\":5,\"currency\":\"KRW\"}}]} | lines" })
	void rejectsBadOrdersWithProblemNamingTheFieldAndStoresNothing(String description, String body, String field) {
		long before = storedOrders();

		ResponseEntity<String> response = post(body, null);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("\tat ");
		if (field != null) {
			assertThat(response.getBody()).contains("\"field\":\"" + field + "\"");
		}
		assertThat(storedOrders()).isEqualTo(before);
	}

	@Test
	void rejectsOversizedBodiesWith413() {
		String line = "{\"sku\":\"%s\",\"quantity\":1,\"unitPrice\":{\"amount\":5,\"currency\":\"EUR\"}}"
			.formatted("X".repeat(60));
		String lines = "[" + String.join(",", java.util.Collections.nCopies(1_000, line)) + "]";
		long before = storedOrders();

		ResponseEntity<String> response = post(order(UUID.randomUUID().toString(), lines), null);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(storedOrders()).isEqualTo(before);
	}

	@Test
	void answersUnknownOrdersWith404AndBadIdsWith400() {
		ResponseEntity<String> unknown = http.get()
			.uri("/orders/" + UUID.randomUUID())
			.retrieve()
			.toEntity(String.class);
		ResponseEntity<String> bad = http.get().uri("/orders/not-a-uuid").retrieve().toEntity(String.class);

		assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void servesOpenApiHealthProbesAndPrometheusMetrics() {
		RestClient management = RestClient.builder()
			.baseUrl("http://localhost:" + managementPort)
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
		ResponseEntity<String> api = http.get().uri("/v3/api-docs").retrieve().toEntity(String.class);
		ResponseEntity<String> liveness = management.get()
			.uri("/actuator/health/liveness")
			.retrieve()
			.toEntity(String.class);
		ResponseEntity<String> anonymousReadiness = management.get()
			.uri("/actuator/health/readiness")
			.retrieve()
			.toEntity(String.class);
		ResponseEntity<String> readiness = management.get()
			.uri("/actuator/health/readiness")
			.header(HttpHeaders.AUTHORIZATION, TestIssuer.operator())
			.retrieve()
			.toEntity(String.class);
		ResponseEntity<String> metrics = management.get().uri("/actuator/prometheus").retrieve().toEntity(String.class);
		ResponseEntity<String> env = management.get().uri("/actuator/env").retrieve().toEntity(String.class);
		ResponseEntity<String> onApiPort = http.get().uri("/actuator/prometheus").retrieve().toEntity(String.class);

		assertThat(anonymousReadiness.getBody()).contains("\"status\":\"UP\"").doesNotContain("components");
		assertThat(env.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(onApiPort.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

		assertThat(api.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(api.getBody()).contains("/orders/{orderId}/cancel");
		assertThat(liveness.getBody()).contains("\"status\":\"UP\"");
		assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(readiness.getBody())
			.at("/components/mongo/status")
			.asString()).isEqualTo("UP");
		assertThat(metrics.getBody()).contains("saga_outbox_published_total");
	}

	@Test
	void listsOrdersOfOneCustomerByStatusPaged() {
		String customer = UUID.randomUUID().toString();
		for (int i = 0; i < 3; i++) {
			post(order(customer, "[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":{\"amount\":5,\"currency\":\"EUR\"}}]"),
					null);
		}

		String page = http.get()
			.uri("/orders?customerId={c}&status=PENDING&size=2", customer)
			.retrieve()
			.body(String.class);

		assertThat(page).contains("\"totalElements\":3").contains("\"size\":2").contains(customer);
	}

}
