package dev.ordersaga.audit;

import java.net.http.HttpClient;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ordersaga.support.testing.TestIssuer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything in audit-fn is for operators: no token answers 401 problem+json, a
 * customer's or the storefront's token 403 (OWASP API5), a browser without a session is
 * sent to the sign-in.
 */
class AuditSecurityTest extends AuditFnTestBase {

	RestClient anonymous() {
		// redirects are the subject here: not followed
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory(
					HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()))
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	ResponseEntity<String> get(String path, String authorization) {
		var request = anonymous().get().uri(path).accept(MediaType.APPLICATION_JSON);
		if (authorization != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		return request.retrieve().toEntity(String.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/sagas", "/consistency", "/sagas/2b7e1f4a-8c3d-4e5f-9a0b-1c2d3e4f5a6b",
			"/dashboard/stream", "/dead-letters", "/actuator/env", "/v3/api-docs", "/swagger-ui.html" })
	void isForOperatorsOnly(String path) {
		ResponseEntity<String> none = get(path, null);
		ResponseEntity<String> customer = get(path, TestIssuer.customer(UUID.randomUUID()));
		ResponseEntity<String> storefront = get(path, TestIssuer.storefront());

		assertThat(none.getStatusCode().value()).isEqualTo(401);
		assertThat(none.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(none.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
		assertThat(customer.getStatusCode().value()).isEqualTo(403);
		assertThat(storefront.getStatusCode().value()).isEqualTo(403);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/sagas", "/consistency" })
	void answersOperators(String path) {
		assertThat(get(path, TestIssuer.operator()).getStatusCode().value()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/index.html" })
	void sendsABrowserWithoutSessionToTheSignIn(String path) {
		ResponseEntity<String> page = anonymous().get()
			.uri(path)
			.accept(MediaType.TEXT_HTML)
			.retrieve()
			.toEntity(String.class);

		assertThat(page.getStatusCode().value()).isEqualTo(302);
		assertThat(page.getHeaders().getLocation().toString()).endsWith("/oauth2/authorization/dashboard");
	}

}
