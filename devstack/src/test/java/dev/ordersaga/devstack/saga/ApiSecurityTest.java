package dev.ordersaga.devstack.saga;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ordersaga.devstack.DevTokens;
import dev.ordersaga.devstack.SagaStack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OWASP API Security Top 10 (2023) items against the whole running stack, with tokens
 * from devstack's issuer exactly as the banner says: broken object-level authorization
 * (API1), broken authentication (API2), property-level authorization (API3), resource
 * consumption (API4), function-level authorization (API5) and misconfiguration (API8).
 */
class ApiSecurityTest {

	final SagaStack stack = E2e.stack();

	final SagaClient client = new SagaClient(stack);

	final DevTokens tokens = stack.tokens();

	static final String NO_SUCH = "2b7e1f4a-8c3d-4e5f-9a0b-1c2d3e4f5a6b";

	@ParameterizedTest(name = "{0} {1} {2}")
	@CsvSource({ "POST, order-fn, /orders", "GET, order-fn, /orders", "GET, order-fn, /orders/" + NO_SUCH,
			"POST, order-fn, /orders/" + NO_SUCH + "/cancel", "POST, customer-fn, /customers",
			"GET, customer-fn, /customers/" + NO_SUCH, "PATCH, customer-fn, /customers/" + NO_SUCH,
			"GET, payment-fn, /payments?orderId=" + NO_SUCH, "GET, email-fn, /emails?orderId=" + NO_SUCH,
			"GET, audit-fn, /sagas", "GET, audit-fn, /sagas/" + NO_SUCH, "GET, audit-fn, /consistency",
			"GET, order-fn, /actuator/env", "GET, order-fn, /actuator/heapdump" })
	void everyApiEndpointAnswers401WithoutAToken(String method, String service, String path) {
		SagaClient.Response response = client.send(method, service, path, method.equals("GET") ? null : "{}", null);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
	}

	@Test
	void aCustomerCannotReadCancelOrListAnotherCustomersOrder() {
		SagaClient.Customer owner = client.registeredCustomer(100_000);
		String orderId = placedBy(owner.id());
		String intruder = tokens.customer(client.customer(100_000));

		assertThat(client.get("order-fn", "/orders/" + orderId, intruder).status()).isEqualTo(404);
		assertThat(client.send("POST", "order-fn", "/orders/" + orderId + "/cancel", null, intruder).status())
			.isEqualTo(404);
		assertThat(client.get("order-fn", "/orders?customerId=" + owner.id(), intruder).body().toString())
			.doesNotContain(orderId);
		assertThat(client.get("payment-fn", "/payments?orderId=" + orderId, intruder).body()).isEmpty();
		assertThat(client.get("email-fn", "/emails?orderId=" + orderId, intruder).body()).isEmpty();
		assertThat(client.get("customer-fn", "/customers/" + owner.id(), intruder).status()).isEqualTo(404);
		assertThat(client.get("order-fn", "/orders/" + orderId, tokens.customer(owner.id())).status()).isEqualTo(200);
		assertThat(client.status(orderId)).isNotEqualTo("CANCELLED");
	}

	@Test
	void tokensThatAreUnsignedTamperedOrForAnotherAudienceAreRefused() {
		String real = tokens.operator().substring("Bearer ".length());
		String[] parts = real.split("\\.");
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String unsigned = encoder.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1]
				+ ".";
		String tampered = parts[0] + "."
				+ encoder
					.encodeToString(payload.replace("saga.operate", "saga.operatf").getBytes(StandardCharsets.UTF_8))
				+ "." + parts[2];

		for (String token : List.of(unsigned, tampered, "garbage")) {
			SagaClient.Response response = client.get("order-fn", "/orders", "Bearer " + token);
			assertThat(response.status()).as(token).isEqualTo(401);
			assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
		}
	}

	@Test
	void aCustomerCannotRaiseTheirCreditLimitNorCallOperatorEndpoints() {
		String customer = client.customer(100_000);
		String token = tokens.customer(customer);

		SagaClient.Response raise = client.send("PATCH", "customer-fn", "/customers/" + customer,
				"{\"creditLimit\":{\"amount\":99000000,\"currency\":\"KRW\"}}", token);
		SagaClient.Response status = client.send("PATCH", "customer-fn", "/customers/" + customer,
				"{\"availableCredit\":{\"amount\":99000000,\"currency\":\"KRW\"}}", token);

		assertThat(raise.status()).isEqualTo(403);
		assertThat(status.status()).isEqualTo(400);
		assertThat(client.availableCredit(customer)).isEqualTo(100_000);
		assertThat(client.get("audit-fn", "/consistency", token).status()).isEqualTo(403);
		assertThat(client.send("POST", "customer-fn", "/customers", "{}", token).status()).isEqualTo(403);
		assertThat(client.get("order-fn", "/orders", tokens.storefront()).status()).isEqualTo(403);
	}

	@Test
	void aCustomerPlacingOrdersTooFastGets429WithRetryAfter() {
		String customer = client.customer(100_000_000);
		String token = tokens.customer(customer);

		List<SagaClient.Response> answers = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			answers.add(
					client.send("POST", "order-fn", "/orders", SagaClient.orderBody(customer, 100, "tok_visa"), token));
		}

		assertThat(answers).anySatisfy(answer -> {
			assertThat(answer.status()).isEqualTo(429);
			assertThat(answer.header("Retry-After")).isNotBlank();
		});
		assertThat(answers).anySatisfy(answer -> assertThat(answer.status()).isEqualTo(201));
	}

	@Test
	void pagesAreCappedAndErrorsTellNoInternals() {
		SagaClient.Response page = client.get("order-fn", "/orders?size=100000");
		SagaClient.Response bad = client.get("order-fn", "/orders/not-an-id");

		assertThat(page.body().at("/page/size").asInt()).isEqualTo(100);
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body().toString()).doesNotContain("Exception").doesNotContain("at dev.");
		assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	private String placedBy(String customerId) {
		SagaClient.Response placed = client.send("POST", "order-fn", "/orders",
				SagaClient.orderBody(customerId, 10_000, "tok_visa"), tokens.customer(customerId));
		assertThat(placed.status()).isEqualTo(201);
		return placed.body().get("orderId").asString();
	}

}
