package dev.ordersaga.order;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ordersaga.support.testing.TestIssuer;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OWASP API Top 10 items order-fn answers for, against the running service with
 * tokens of a real (test) issuer: broken authentication (API2), object-level (API1),
 * property-level (API3) and function-level (API5) authorization, misconfiguration (API8).
 */
class OrderApiSecurityTest extends OrderFnTestBase {

	static final String LINES = "[{\"sku\":\"BOOK-1\",\"quantity\":1,\"unitPrice\":{\"amount\":1000,\"currency\":\"KRW\"}}]";

	@LocalServerPort
	int port;

	RestClient http;

	@BeforeEach
	void client() {
		http = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	ResponseEntity<String> call(HttpMethod method, String path, String authorization, String body) {
		var request = http.method(method).uri(path);
		if (authorization != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		if (body != null) {
			request = request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.retrieve().toEntity(String.class);
	}

	static String order(UUID customer) {
		return "{\"customerId\":\"%s\",\"paymentMethod\":\"tok_visa\",\"lines\":%s}".formatted(customer, LINES);
	}

	String placedBy(UUID customer) {
		ResponseEntity<String> placed = call(HttpMethod.POST, "/orders", TestIssuer.customer(customer),
				order(customer));
		assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String location = placed.getHeaders().getLocation().toString();
		return location.substring(location.lastIndexOf('/') + 1);
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "POST, /orders", "GET, /orders", "GET, /orders/2b7e1f4a-8c3d-4e5f-9a0b-1c2d3e4f5a6b",
			"POST, /orders/2b7e1f4a-8c3d-4e5f-9a0b-1c2d3e4f5a6b/cancel", "GET, /actuator/env",
			"GET, /actuator/heapdump" })
	void answersEveryEndpointWithout401ProblemAndBearerChallenge(String method, String path) {
		ResponseEntity<String> response = call(HttpMethod.valueOf(method), path, null,
				method.equals("POST") ? order(UUID.randomUUID()) : null);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
		assertThat(response.getBody()).contains("\"status\":401");
	}

	static Object[][] brokenTokens() {
		UUID customer = UUID.randomUUID();
		return new Object[][] {
				{ "expired",
						TestIssuer.token().scope("saga.operate").expiresAt(Instant.now().minusSeconds(120)).sign() },
				{ "signed by another key", TestIssuer.token().scope("saga.operate").signWithForeignKey() },
				{ "alg none", TestIssuer.token().scope("saga.operate").unsigned() },
				{ "other issuer", TestIssuer.token().scope("saga.operate").issuer("https://evil.example").sign() },
				{ "other audience", TestIssuer.token().scope("saga.operate").audience("another-api").sign() },
				{ "not a JWT", "not-a-token" },
				{ "customer token of another key",
						TestIssuer.token()
							.scope("orders")
							.claim("customer_id", customer.toString())
							.signWithForeignKey() } };
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenTokens")
	void refusesBrokenTokensWith401(String description, String token) {
		ResponseEntity<String> response = call(HttpMethod.GET, "/orders", TestIssuer.bearer(token), null);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("invalid_token");
		assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	@Test
	void refusesTokensWithoutTheScopeWith403Problem() {
		ResponseEntity<String> response = call(HttpMethod.POST, "/orders", TestIssuer.storefront(),
				order(UUID.randomUUID()));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("insufficient_scope");
	}

	@Test
	void customerReadsAndCancelsOwnOrders() {
		UUID customer = UUID.randomUUID();
		String orderId = placedBy(customer);

		assertThat(call(HttpMethod.GET, "/orders/" + orderId, TestIssuer.customer(customer), null).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(call(HttpMethod.POST, "/orders/" + orderId + "/cancel", TestIssuer.customer(customer), null)
			.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
	}

	@Test
	void anotherCustomersOrderIsNotFoundForReadingOrCancelling() {
		UUID owner = UUID.randomUUID();
		String orderId = placedBy(owner);
		String intruder = TestIssuer.customer(UUID.randomUUID());

		ResponseEntity<String> read = call(HttpMethod.GET, "/orders/" + orderId, intruder, null);
		ResponseEntity<String> cancel = call(HttpMethod.POST, "/orders/" + orderId + "/cancel", intruder, null);
		ResponseEntity<String> missing = call(HttpMethod.GET, "/orders/" + UUID.randomUUID(), intruder, null);

		assertThat(read.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(cancel.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(read.getBody()).isEqualTo(missing.getBody().replaceAll("[0-9a-f-]{36}", orderId));
		assertThat(call(HttpMethod.GET, "/orders/" + orderId, TestIssuer.operator(), null).getBody())
			.contains("\"status\":\"PENDING\"");
	}

	@Test
	void listingShowsACustomerOnlyTheirOwnOrders() {
		UUID owner = UUID.randomUUID();
		placedBy(owner);
		UUID other = UUID.randomUUID();
		placedBy(other);

		String own = call(HttpMethod.GET, "/orders", TestIssuer.customer(owner), null).getBody();
		String asked = call(HttpMethod.GET, "/orders?customerId=" + other, TestIssuer.customer(owner), null).getBody();

		assertThat(own).contains(owner.toString()).doesNotContain(other.toString()).contains("\"totalElements\":1");
		assertThat(asked).doesNotContain(other.toString()).contains("\"totalElements\":0");
	}

	@Test
	void customerPlacesOrdersOnlyForThemselves() {
		UUID victim = UUID.randomUUID();
		ResponseEntity<String> response = call(HttpMethod.POST, "/orders", TestIssuer.customer(UUID.randomUUID()),
				order(victim));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		String listing = call(HttpMethod.GET, "/orders?customerId=" + victim, TestIssuer.operator(), null).getBody();
		assertThat(listing).contains("\"totalElements\":0");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "status | ,\"status\":\"COMPLETED\"", "total | ,\"total\":{\"amount\":1,\"currency\":\"KRW\"}",
					"orderId | ,\"orderId\":\"2b7e1f4a-8c3d-4e5f-9a0b-1c2d3e4f5a6b\"" })
	void refusesFieldsAClientMayNotSet(String field, String extra) {
		UUID customer = UUID.randomUUID();
		String body = order(customer).replaceFirst("}$", extra + "}");

		ResponseEntity<String> response = call(HttpMethod.POST, "/orders", TestIssuer.customer(customer), body);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody()).contains("\"field\":\"" + field + "\"");
	}

	@Test
	void sendsSecurityHeadersAndNoCorsGrantToForeignOrigins() {
		ResponseEntity<String> response = call(HttpMethod.GET, "/orders", TestIssuer.operator(), null);
		ResponseEntity<String> preflight = http.options()
			.uri("/orders")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.retrieve()
			.toEntity(String.class);

		assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.getHeaders().getFirst(HttpHeaders.CACHE_CONTROL)).contains("no-store");
		assertThat(preflight.getHeaders().getAccessControlAllowOrigin()).isNull();
	}

	@Test
	void openApiDeclaresTheBearerSchemeForEveryOperation() {
		String api = call(HttpMethod.GET, "/v3/api-docs", null, null).getBody();

		assertThat(api).contains("\"bearer-jwt\":{\"type\":\"http\"");
		assertThat(api.split("\"operationId\"").length - 1).isPositive()
			.isEqualTo(api.split("\"security\":\\[\\{\"bearer-jwt\"").length - 1);
	}

}
