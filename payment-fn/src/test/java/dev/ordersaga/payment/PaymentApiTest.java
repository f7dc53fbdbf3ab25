package dev.ordersaga.payment;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.payment.PaymentProvider.ChargeOutcome;
import dev.ordersaga.support.money.Money;
import dev.ordersaga.support.testing.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /payments?orderId=}, its problem+json errors, and what the actuator shows
 * and refuses.
 */
class PaymentApiTest extends PaymentFnTestBase {

	@LocalServerPort
	int port;

	@Autowired
	Payments payments;

	@LocalManagementPort
	int managementPort;

	RestClient http;

	/** The actuator, on its own port, as an operator. */
	RestClient management;

	@BeforeEach
	void client() {
		http = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeader("Authorization", TestIssuer.operator())
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
		management = http.mutate().baseUrl("http://localhost:" + managementPort).build();
	}

	ResponseEntity<String> actuator(String uri) {
		return management.get().uri(uri).retrieve().toEntity(String.class);
	}

	ResponseEntity<String> get(String uri) {
		return http.get().uri(uri).retrieve().toEntity(String.class);
	}

	@Test
	void showsThePaymentOfAnOrderWithItsHistory() {
		String orderId = newOrderId();
		Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
		Payment intent = Payment
			.intend(new OrderEvent.OrderApproved(OrderId.of(orderId), CustomerId.of(customerOf(orderId)),
					Money.of(30_000, "KRW"), "tok_visa", t0.plusSeconds(900)), t0)
			.withVersion(0L);
		payments.insert(intent);
		payments.update(intent, intent.settle(new ChargeOutcome.Charged("ch_42"), t0.plusSeconds(1)));

		ResponseEntity<String> response = get("/payments?orderId=" + orderId);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode payment = JsonMapper.shared().readTree(response.getBody()).get(0);
		assertThat(payment.get("orderId").asString()).isEqualTo(orderId);
		assertThat(payment.get("paymentId").asString()).isEqualTo(PaymentId.forOrder(OrderId.of(orderId)).toString());
		assertThat(payment.get("status").asString()).isEqualTo("CHARGED");
		assertThat(payment.get("amount").toString()).isEqualTo("{\"amount\":30000,\"currency\":\"KRW\"}");
		assertThat(payment.get("providerReference").asString()).isEqualTo("ch_42");
		assertThat(payment.get("payBy").asString()).isEqualTo("2026-11-25T10:15:00Z");
		assertThat(payment.get("history")).hasSize(2);
		assertThat(payment.get("history").get(1).get("status").asString()).isEqualTo("CHARGED");
		assertThat(payment.has("failureReason")).isFalse();
	}

	@Test
	void answersAnEmptyListForAnOrderWithoutPayment() {
		ResponseEntity<String> response = get("/payments?orderId=" + newOrderId());

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).isEqualTo("[]");
	}

	@Test
	void rejectsAMissingOrMalformedOrderIdWithProblemDetails() {
		ResponseEntity<String> missing = get("/payments");
		ResponseEntity<String> malformed = get("/payments?orderId=not-a-uuid");

		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(missing.getBody()).contains("orderId");
		assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(malformed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(malformed.getBody()).contains("orderId");
	}

	@Test
	void describesTheApiInOpenApi() {
		assertThat(get("/v3/api-docs").getBody()).contains("\"/payments\"").contains("The payment of an order");
	}

	@Test
	void publishesTheProtectionOfTheProviderCallAsMetrics() {
		assertThat(actuator("/actuator/prometheus").getBody()).contains(
				"resilience4j_circuitbreaker_state{application=\"payment-fn\",name=\"paymentProvider\",state=\"closed\"} 1.0")
			.contains("resilience4j_retry_calls")
			.contains("resilience4j_timelimiter_calls")
			.contains(
					"resilience4j_bulkhead_available_concurrent_calls{application=\"payment-fn\",name=\"paymentProvider\"} 2.0")
			.contains("saga_payment_intake_paused{application=\"payment-fn\"} 0.0");
	}

	@Test
	void showsBindingsAndBreakersButDoesNotLetAnyoneChangeThem() {
		assertThat(actuator("/actuator/circuitbreakers").getBody()).contains("paymentProvider");
		assertThat(actuator("/actuator/bindings").getBody()).contains("settlePayment-in-0");

		ResponseEntity<String> pause = management.post()
			.uri("/actuator/bindings/settlePayment-in-0")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"state\":\"PAUSED\"}")
			.retrieve()
			.toEntity(String.class);
		ResponseEntity<String> open = management.post()
			.uri("/actuator/circuitbreakers/paymentProvider")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"updateState\":\"FORCE_OPEN\"}")
			.retrieve()
			.toEntity(String.class);

		assertThat(pause.getStatusCode().is4xxClientError()).isTrue();
		assertThat(open.getStatusCode().is4xxClientError()).isTrue();
		assertThat(actuator("/actuator/bindings").getBody()).doesNotContain("\"state\":\"paused\"");
	}

}
