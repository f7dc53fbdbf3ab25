package dev.ordersaga.sandbox;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The sandbox provider over real HTTP: test tokens, idempotency, refunds, and the outage
 * and latency switches.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		useMainMethod = SpringBootTest.UseMainMethod.ALWAYS, properties = "sandbox.outage-hold=3s")
class PaymentSandboxTest {

	static final String API_KEY = "sk_test_sandbox";

	static final JsonMapper JSON = JsonMapper.shared();

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

	@AfterEach
	void backToNormal() {
		http.delete().uri("/sandbox/outage").retrieve().toBodilessEntity();
		http.put()
			.uri("/sandbox/latency")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"millis\":0}")
			.retrieve()
			.toBodilessEntity();
	}

	ResponseEntity<String> charge(String token, String orderId, String key) {
		return charge(token, orderId, key, 30_000);
	}

	ResponseEntity<String> charge(String token, String orderId, String key, long amount) {
		var request = http.post()
			.uri("/v1/charges")
			.header("Authorization", "Bearer " + API_KEY)
			.contentType(MediaType.APPLICATION_JSON);
		if (key != null) {
			request = request.header("Idempotency-Key", key);
		}
		return request.body("""
				{"amount":%d,"currency":"KRW","source":"%s","description":"Order %s","metadata":{"orderId":"%s"}}
				""".formatted(amount, token, orderId, orderId)).retrieve().toEntity(String.class);
	}

	ResponseEntity<String> refund(String chargeId, String key) {
		return http.post()
			.uri("/v1/refunds")
			.header("Authorization", "Bearer " + API_KEY)
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"charge\":\"" + chargeId + "\"}")
			.retrieve()
			.toEntity(String.class);
	}

	JsonNode get(String uri) {
		return JSON.readTree(http.get().uri(uri).retrieve().body(String.class));
	}

	static JsonNode json(ResponseEntity<String> response) {
		return JSON.readTree(response.getBody());
	}

	static String orderId() {
		return UUID.randomUUID().toString();
	}

	@Test
	void chargesTokVisaOnceAndReplaysTheFirstAnswerForTheSameIdempotencyKey() {
		String orderId = orderId();

		ResponseEntity<String> first = charge("tok_visa", orderId, orderId);
		ResponseEntity<String> retry = charge("tok_visa", orderId, orderId);

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(json(first).get("id").asString()).startsWith("ch_");
		assertThat(json(first).get("status").asString()).isEqualTo("succeeded");
		assertThat(json(first).get("amount").asLong()).isEqualTo(30_000);
		assertThat(first.getHeaders().containsHeader("Idempotent-Replayed")).isFalse();
		assertThat(retry.getBody()).isEqualTo(first.getBody());
		assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(get("/sandbox/charges?orderId=" + orderId)).hasSize(1);
		assertThat(get("/sandbox/requests?orderId=" + orderId)).extracting(r -> r.get("outcome").asString())
			.containsExactly("executed", "replayed");
	}

	@Test
	void chargesAgainWithoutIdempotencyKey() {
		String orderId = orderId();

		charge("tok_visa", orderId, null);
		charge("tok_visa", orderId, null);

		assertThat(get("/sandbox/charges?orderId=" + orderId)).hasSize(2);
	}

	@Test
	void declinesTokDeclinedWithCardErrorAndTakesNoMoney() {
		String orderId = orderId();

		ResponseEntity<String> declined = charge("tok_declined", orderId, orderId);

		assertThat(declined.getStatusCode()).isEqualTo(HttpStatus.PAYMENT_REQUIRED);
		JsonNode error = json(declined).get("error");
		assertThat(error.get("type").asString()).isEqualTo("card_error");
		assertThat(error.get("code").asString()).isEqualTo("card_declined");
		assertThat(error.get("decline_code").asString()).isEqualTo("generic_decline");
		JsonNode charges = get("/sandbox/charges?orderId=" + orderId);
		assertThat(charges).singleElement().satisfies(charge -> {
			assertThat(charge.get("status").asString()).isEqualTo("failed");
			assertThat(charge.get("id").asString()).isEqualTo(error.get("charge").asString());
		});
		assertThat(charge("tok_declined", orderId, orderId).getBody()).isEqualTo(declined.getBody());
	}

	@Test
	void refusesUnknownTokensAsInvalidRequestsWithoutExecutingAnything() {
		String orderId = orderId();

		ResponseEntity<String> response = charge("tok_nonsense", orderId, orderId);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(json(response).get("error").get("type").asString()).isEqualTo("invalid_request_error");
		assertThat(json(response).get("error").get("code").asString()).isEqualTo("invalid_token");
		assertThat(json(response).get("error").get("param").asString()).isEqualTo("source");
		assertThat(get("/sandbox/charges?orderId=" + orderId)).isEmpty();
	}

	@Test
	void failsTokErrorWith500ApiErrorAndStoresThatAnswerForRetries() {
		String orderId = orderId();

		ResponseEntity<String> failed = charge("tok_error", orderId, orderId);
		ResponseEntity<String> retry = charge("tok_error", orderId, orderId);

		assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(json(failed).get("error").get("type").asString()).isEqualTo("api_error");
		assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(get("/sandbox/charges?orderId=" + orderId)).isEmpty();
	}

	@Test
	void answersTokMalformedWithA200BodyThatIsNotJson() {
		ResponseEntity<String> response = charge("tok_malformed", orderId(), null);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThatThrownBy(() -> JSON.readTree(response.getBody())).isInstanceOf(RuntimeException.class);
	}

	@Test
	void rejectsRequestsWithoutAValidApiKey() {
		ResponseEntity<String> none = http.post()
			.uri("/v1/charges")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.retrieve()
			.toEntity(String.class);
		ResponseEntity<String> wrong = http.post()
			.uri("/v1/charges")
			.header("Authorization", "Bearer sk_test_wrong")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.retrieve()
			.toEntity(String.class);

		assertThat(none.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(json(wrong).get("error").get("type").asString()).isEqualTo("authentication_error");
		assertThat(wrong.getBody()).doesNotContain("sk_test_wrong");
	}

	@Test
	void refusesAnIdempotencyKeyReusedWithOtherParameters() {
		String orderId = orderId();
		charge("tok_visa", orderId, orderId, 30_000);

		ResponseEntity<String> reused = charge("tok_visa", orderId, orderId, 40_000);

		assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(json(reused).get("error").get("type").asString()).isEqualTo("idempotency_error");
		assertThat(get("/sandbox/charges?orderId=" + orderId)).hasSize(1);
	}

	@Test
	void validatesChargeParameters() {
		ResponseEntity<String> response = charge("tok_visa", orderId(), null, 0);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(json(response).get("error").get("param").asString()).isEqualTo("amount");
	}

	@Test
	void refundsAChargeOnceAndReplaysTheRefundForTheSameKey() {
		String orderId = orderId();
		String chargeId = json(charge("tok_visa", orderId, orderId)).get("id").asString();

		ResponseEntity<String> first = refund(chargeId, "refund-" + orderId);
		ResponseEntity<String> retry = refund(chargeId, "refund-" + orderId);
		ResponseEntity<String> another = refund(chargeId, "another-key");

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(json(first).get("id").asString()).startsWith("re_");
		assertThat(json(first).get("status").asString()).isEqualTo("succeeded");
		assertThat(json(first).get("amount").asLong()).isEqualTo(30_000);
		assertThat(retry.getBody()).isEqualTo(first.getBody());
		assertThat(another.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(json(another).get("error").get("code").asString()).isEqualTo("charge_already_refunded");
		assertThat(get("/sandbox/refunds?orderId=" + orderId)).hasSize(1);
		assertThat(get("/sandbox/charges?orderId=" + orderId).get(0).get("refunded").asBoolean()).isTrue();
		assertThat(refund("ch_unknown", "k-" + orderId).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void findsChargesByOrderIdThroughTheSearchApi() {
		String orderId = orderId();
		String chargeId = json(charge("tok_visa", orderId, orderId)).get("id").asString();

		JsonNode result = JSON.readTree(http.get()
			.uri("/v1/charges/search?query={query}", "metadata['orderId']:'" + orderId + "'")
			.header("Authorization", "Bearer " + API_KEY)
			.retrieve()
			.body(String.class));

		assertThat(result.get("data")).singleElement()
			.satisfies(charge -> assertThat(charge.get("id").asString()).isEqualTo(chargeId));
	}

	@Test
	void refusesEveryApiRequestDuringAnOutageWhileControlsAndHealthStayUp() {
		String orderId = orderId();
		http.post().uri("/sandbox/outage").retrieve().toBodilessEntity();

		ResponseEntity<String> refused = charge("tok_visa", orderId, orderId);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(get("/sandbox/status").get("up").asBoolean()).isFalse();
		assertThat(http.get().uri("/actuator/health/readiness").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(get("/sandbox/requests?idempotencyKey=" + orderId)).singleElement()
			.satisfies(request -> assertThat(request.get("outcome").asString()).isEqualTo("refused"));

		http.delete().uri("/sandbox/outage").retrieve().toBodilessEntity();

		assertThat(charge("tok_visa", orderId, orderId).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(get("/sandbox/charges?orderId=" + orderId)).hasSize(1);
	}

	@Test
	void leavesRequestsHangingInTimeoutModeAndExecutesNothing() {
		String orderId = orderId();
		http.post().uri("/sandbox/outage?mode=TIMEOUT").retrieve().toBodilessEntity();
		JdkClientHttpRequestFactory impatient = new JdkClientHttpRequestFactory(HttpClient.newHttpClient());
		impatient.setReadTimeout(Duration.ofMillis(300));
		RestClient client = http.mutate().requestFactory(impatient).build();

		assertThatThrownBy(() -> client.post()
			.uri("/v1/charges")
			.header("Authorization", "Bearer " + API_KEY)
			.header("Idempotency-Key", orderId)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"amount\":1,\"currency\":\"EUR\",\"source\":\"tok_visa\",\"metadata\":{\"orderId\":\"" + orderId
					+ "\"}}")
			.retrieve()
			.toBodilessEntity()).isInstanceOf(ResourceAccessException.class);
		http.delete().uri("/sandbox/outage").retrieve().toBodilessEntity();

		assertThat(get("/sandbox/charges?orderId=" + orderId)).isEmpty();
	}

	@Test
	void chargesTokErrorAfterChargeButAnswers500ForEveryRetry() {
		String orderId = orderId();

		ResponseEntity<String> first = charge("tok_error_after_charge", orderId, orderId);
		ResponseEntity<String> retry = charge("tok_error_after_charge", orderId, orderId);

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(retry.getBody()).isEqualTo(first.getBody());
		assertThat(get("/sandbox/charges?orderId=" + orderId)).singleElement()
			.satisfies(charge -> assertThat(charge.get("status").asString()).isEqualTo("succeeded"));
		JsonNode found = JSON.readTree(http.get()
			.uri("/v1/charges/search?query={query}", "metadata['orderId']:'" + orderId + "'")
			.header("Authorization", "Bearer " + API_KEY)
			.retrieve()
			.body(String.class));
		assertThat(found.get("data")).singleElement()
			.satisfies(charge -> assertThat(charge.get("status").asString()).isEqualTo("succeeded"));
	}

	@Test
	void failsEveryApiRequestWith500InServerErrorModeAndExecutesNothing() {
		String orderId = orderId();
		http.post().uri("/sandbox/outage?mode=SERVER_ERROR").retrieve().toBodilessEntity();

		ResponseEntity<String> failed = charge("tok_visa", orderId, orderId);
		ResponseEntity<String> search = http.get()
			.uri("/v1/charges/search?query={query}", "metadata['orderId']:'" + orderId + "'")
			.header("Authorization", "Bearer " + API_KEY)
			.retrieve()
			.toEntity(String.class);

		assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(json(failed).get("error").get("type").asString()).isEqualTo("api_error");
		assertThat(search.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(get("/sandbox/status").get("outage").asString()).isEqualTo("SERVER_ERROR");
		assertThat(get("/sandbox/charges?orderId=" + orderId)).isEmpty();

		http.delete().uri("/sandbox/outage").retrieve().toBodilessEntity();

		assertThat(charge("tok_visa", orderId, orderId).getStatusCode())
			.as("nothing was stored under the key during the outage")
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void chargesAClientThatGaveUpWaitingForASlowProvider() {
		String orderId = orderId();
		http.put()
			.uri("/sandbox/latency")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"millis\":800}")
			.retrieve()
			.toBodilessEntity();
		JdkClientHttpRequestFactory impatient = new JdkClientHttpRequestFactory(HttpClient.newHttpClient());
		impatient.setReadTimeout(Duration.ofMillis(200));
		RestClient client = http.mutate().requestFactory(impatient).build();

		assertThatThrownBy(() -> client.post()
			.uri("/v1/charges")
			.header("Authorization", "Bearer " + API_KEY)
			.header("Idempotency-Key", orderId)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"amount\":1,\"currency\":\"EUR\",\"source\":\"tok_visa\",\"metadata\":{\"orderId\":\"" + orderId
					+ "\"}}")
			.retrieve()
			.toBodilessEntity()).isInstanceOf(ResourceAccessException.class);
		assertThat(get("/sandbox/charges?orderId=" + orderId)).as("not yet: the provider is still slow").isEmpty();

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(get("/sandbox/charges?orderId=" + orderId)).singleElement()
				.satisfies(charge -> assertThat(charge.get("status").asString()).isEqualTo("succeeded")));
	}

	@Test
	void addsTheConfiguredLatencyToApiRequests() {
		http.put()
			.uri("/sandbox/latency")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"millis\":400}")
			.retrieve()
			.toBodilessEntity();
		long started = System.nanoTime();

		charge("tok_visa", orderId(), null);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		assertThat(get("/sandbox/latency").get("millis").asLong()).isEqualTo(400);
	}

	@Test
	void refusesInvalidLatencySettings() {
		assertThat(http.put()
			.uri("/sandbox/latency")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"millis\":-1}")
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

}
