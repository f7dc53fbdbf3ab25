package dev.ordersaga.authserver;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev issuer as devstack runs it: client-credentials tokens of the operator and the
 * storefront for the saga services' audience, customer tokens on {@code /dev/tokens} for
 * the storefront only, and OIDC discovery.
 */
class AuthServerTest {

	static ConfigurableApplicationContext issuer;

	static RestClient http;

	static String base;

	@BeforeAll
	static void start() {
		issuer = AuthServerApplication.builder().run("--server.port=0");
		String port = issuer.getEnvironment().getProperty("local.server.port");
		base = "http://localhost:" + port;
		http = RestClient.builder().baseUrl(base).defaultStatusHandler(status -> true, (request, response) -> {
		}).build();
	}

	@AfterAll
	static void stop() {
		issuer.close();
	}

	static String basic(String client, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	static JsonNode claims(String jwt) {
		return JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
	}

	ResponseEntity<String> clientCredentials(String client, String secret) {
		return http.post()
			.uri("/oauth2/token")
			.header(HttpHeaders.AUTHORIZATION, basic(client, secret))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body("grant_type=client_credentials")
			.retrieve()
			.toEntity(String.class);
	}

	@Test
	void issuesOperatorAndStorefrontTokensForTheSagaAudience() {
		JsonNode operator = JsonMapper.shared()
			.readTree(clientCredentials("saga-operator", "operator-secret").getBody());
		JsonNode storefront = JsonMapper.shared()
			.readTree(clientCredentials("storefront", "storefront-secret").getBody());

		JsonNode operatorClaims = claims(operator.get("access_token").asString());
		assertThat(operatorClaims.get("scope").toString()).contains("saga.operate");
		assertThat(operatorClaims.get("aud").toString()).contains("order-saga");
		assertThat(operatorClaims.get("iss").asString()).isEqualTo("http://localhost:9000");
		assertThat(claims(storefront.get("access_token").asString()).get("scope").toString())
			.contains("customers.register");
		assertThat(clientCredentials("saga-operator", "wrong").getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void mintsCustomerTokensForTheStorefrontOnly() {
		String customer = UUID.randomUUID().toString();

		ResponseEntity<String> granted = devToken(basic("storefront", "storefront-secret"), customer);
		ResponseEntity<String> operator = devToken(basic("saga-operator", "operator-secret"), customer);
		ResponseEntity<String> wrongSecret = devToken(basic("storefront", "nope"), customer);
		ResponseEntity<String> anonymous = devToken(null, customer);
		ResponseEntity<String> notAnId = devToken(basic("storefront", "storefront-secret"), "robert'); drop");

		JsonNode answer = JsonMapper.shared().readTree(granted.getBody());
		assertThat(answer.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(answer.get("expires_in").asLong()).isPositive();
		JsonNode token = claims(answer.get("access_token").asString());
		assertThat(token.get("customer_id").asString()).isEqualTo(customer);
		assertThat(token.get("sub").asString()).isEqualTo(customer);
		assertThat(token.get("scope").asString()).isEqualTo("orders");
		assertThat(token.get("aud").toString()).contains("order-saga");
		assertThat(operator.getStatusCode().value()).isEqualTo(401);
		assertThat(wrongSecret.getStatusCode().value()).isEqualTo(401);
		assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
		assertThat(notAnId.getStatusCode().value()).isEqualTo(400);
	}

	@Test
	void publishesOidcDiscoveryAndItsKeys() {
		JsonNode discovery = JsonMapper.shared()
			.readTree(http.get().uri("/.well-known/openid-configuration").retrieve().body(String.class));

		assertThat(discovery.get("issuer").asString()).isEqualTo("http://localhost:9000");
		assertThat(http.get().uri("/oauth2/jwks").retrieve().body(String.class)).contains("\"kty\":\"RSA\"");
	}

	ResponseEntity<String> devToken(String authorization, String customerId) {
		var request = http.post().uri("/dev/tokens").contentType(MediaType.APPLICATION_FORM_URLENCODED);
		if (authorization != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		return request.body("customer_id=" + customerId).retrieve().toEntity(String.class);
	}

}
