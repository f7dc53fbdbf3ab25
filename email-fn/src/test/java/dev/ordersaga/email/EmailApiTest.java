package dev.ordersaga.email;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ordersaga.email.sending.EmailKind;
import dev.ordersaga.email.sending.EmailStatus;
import dev.ordersaga.support.testing.TestIssuer;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /emails?orderId=}: the mail log of an order, and problem+json for bad
 * requests.
 */
class EmailApiTest extends EmailFnTestBase {

	@LocalServerPort
	int port;

	RestClient http;

	@BeforeEach
	void client() {
		http = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeader("Authorization", TestIssuer.operator())
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	ResponseEntity<String> get(String uri) {
		return http.get().uri(uri).retrieve().toEntity(String.class);
	}

	@Test
	void listsTheEmailsOfAnOrderWithStatusRecipientAndMessageId() {
		String customer = newId();
		String order = newId();
		String address = newAddress();
		profile(customer, "Jane Doe", address, "en");
		paymentProcessed(order, customer);
		orderCancelled(newId(), customer, "TIMEOUT");
		awaitStatus(order, EmailKind.PAYMENT_COMPLETED, EmailStatus.SENT);

		ResponseEntity<String> response = get("/emails?orderId=" + order);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).startsWith("[{")
			.contains("\"orderId\":\"" + order + "\"")
			.contains("\"kind\":\"PAYMENT_COMPLETED\"")
			.contains("\"status\":\"SENT\"")
			.contains("\"to\":\"" + address + "\"")
			.contains("\"messageId\":\"<" + order + ".payment-completed@order-saga>\"")
			.contains("\"subject\":\"Payment received for order " + order.substring(0, 8) + "\"")
			.contains("\"attempts\":1")
			.contains("\"sentAt\":")
			.doesNotContain("ORDER_CANCELLED")
			.doesNotContain("html");
	}

	@Test
	void answersAnEmptyListForAnOrderWithoutEmails() {
		ResponseEntity<String> response = get("/emails?orderId=" + UUID.randomUUID());

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).isEqualTo("[]");
	}

	@Test
	void rejectsAMissingOrMalformedOrderIdWithProblemDetails() {
		ResponseEntity<String> missing = get("/emails");
		ResponseEntity<String> malformed = get("/emails?orderId=not-a-uuid");

		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(missing.getBody()).contains("orderId");
		assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(malformed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
