package dev.ordersaga.payment.provider;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.payment.OrderId;
import dev.ordersaga.payment.PaymentProvider;
import dev.ordersaga.payment.PaymentProvider.ChargeOutcome;
import dev.ordersaga.payment.PaymentProvider.ChargeRequest;
import dev.ordersaga.payment.PaymentProvider.ChargeState;
import dev.ordersaga.payment.PaymentProvider.ProviderCharge;
import dev.ordersaga.payment.ProviderUnavailableException;
import dev.ordersaga.payment.RefundFailedException;
import dev.ordersaga.payment.SandboxAccess;
import dev.ordersaga.support.money.Money;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The provider adapter and its protection against the sandbox over real HTTP, without
 * Spring: how every kind of answer is classified, and how retry, circuit breaker and time
 * limiter behave.
 */
class ResilientPaymentProviderTest {

	static final ExecutorService CALLS = Executors.newVirtualThreadPerTaskExecutor();

	final CircuitBreaker circuitBreaker = CircuitBreaker.of("test",
			CircuitBreakerConfig.custom()
				.slidingWindowSize(6)
				.minimumNumberOfCalls(6)
				.failureRateThreshold(50)
				.waitDurationInOpenState(Duration.ofMinutes(1))
				.recordExceptions(ProviderUnavailableException.class, ProviderServerErrorException.class)
				.ignoreExceptions(RequestServerErrorException.class)
				.build());

	final Retry retry = Retry.of("test",
			RetryConfig.custom()
				.maxAttempts(3)
				.waitDuration(Duration.ofMillis(20))
				.retryExceptions(ProviderUnavailableException.class, ProviderServerErrorException.class)
				.build());

	final PaymentProvider provider = provider(SandboxAccess.url(), SandboxAccess.API_KEY);

	PaymentProvider provider(String baseUrl, String apiKey) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build());
		requests.setReadTimeout(Duration.ofSeconds(2));
		RestClient http = RestClient.builder()
			.baseUrl(baseUrl)
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
			.requestFactory(requests)
			.build();
		return new ResilientPaymentProvider(new HttpPaymentProvider(http, JsonMapper.shared()), circuitBreaker, retry,
				Bulkhead.of("test", BulkheadConfig.custom().maxConcurrentCalls(2).build()),
				TimeLimiter.of("test", TimeLimiterConfig.custom().timeoutDuration(Duration.ofMillis(1_500)).build()),
				CALLS, Clock.systemUTC(), ObservationRegistry.NOOP);
	}

	@AfterEach
	void sandboxBackToNormal() {
		SandboxAccess.comeBack();
		SandboxAccess.latency(0);
	}

	@AfterAll
	static void stopCalls() {
		CALLS.close();
	}

	static ChargeRequest charge(String token) {
		OrderId order = new OrderId(UUID.randomUUID());
		return new ChargeRequest(order, Money.of(30_000, "KRW"), token, order.toString(),
				Instant.now().plus(Duration.ofMinutes(5)));
	}

	@Test
	void chargesOnceAndGetsTheSameChargeBackForTheSameIdempotencyKey() {
		ChargeRequest request = charge("tok_visa");

		ChargeOutcome first = provider.charge(request);
		ChargeOutcome again = provider.charge(request);

		assertThat(first).isInstanceOfSatisfying(ChargeOutcome.Charged.class,
				charged -> assertThat(charged.reference()).startsWith("ch_"));
		assertThat(again).isEqualTo(first);
		assertThat(SandboxAccess.charges(request.orderId().toString())).hasSize(1);
	}

	@Test
	void declinesCarryTheProvidersCodes() {
		assertThat(provider.charge(charge("tok_declined")))
			.isEqualTo(new ChargeOutcome.Declined("card_declined/generic_decline", "Your card was declined."));
		assertThat(provider.charge(charge("tok_insufficient_funds"))).isEqualTo(
				new ChargeOutcome.Declined("card_declined/insufficient_funds", "Your card has insufficient funds."));
		assertThat(provider.charge(charge("tok_expired_card")))
			.isEqualTo(new ChargeOutcome.Declined("expired_card", "Your card has expired."));
	}

	@Test
	void unknownTokenIsDeclinedAsInvalidToken() {
		assertThat(provider.charge(charge("tok_bogus"))).isInstanceOfSatisfying(ChargeOutcome.Declined.class,
				declined -> assertThat(declined.code()).isEqualTo("invalid_token"));
	}

	@Test
	void serverErrorToAChargeIsRetriedThenUnknownWithoutCountingInTheBreaker() {
		ChargeRequest request = charge("tok_error");

		ChargeOutcome outcome = provider.charge(request);

		assertThat(outcome).isInstanceOfSatisfying(ChargeOutcome.Unknown.class,
				unknown -> assertThat(unknown.detail()).contains("500 api_error").contains("after 3 attempts"));
		assertThat(SandboxAccess.requests(request.orderId().toString())).hasSize(3);
		assertThat(circuitBreaker.getMetrics().getNumberOfFailedCalls()).isZero();
		assertThat(provider.findCharges(request.orderId())).isEmpty();
	}

	@Test
	void chargeThatTookTheMoneyButAnsweredAServerErrorIsUnknownAndTheSearchShowsIt() {
		ChargeRequest request = charge("tok_error_after_charge");

		assertThat(provider.charge(request)).isInstanceOf(ChargeOutcome.Unknown.class);

		String chargeId = SandboxAccess.charges(request.orderId().toString()).getFirst().get("id").asString();
		assertThat(provider.findCharges(request.orderId()))
			.containsExactly(new ProviderCharge(chargeId, request.amount(), ChargeState.SUCCEEDED, false));
	}

	@Test
	void providerThatAnswersServerErrorsToEverythingOpensTheBreaker() {
		SandboxAccess.goDown("SERVER_ERROR");

		assertThat(provider.charge(charge("tok_visa"))).isInstanceOf(ChargeOutcome.Unknown.class);
		assertThat(circuitBreaker.getMetrics().getNumberOfFailedCalls()).as("a charge's 5xx may be its own").isZero();
		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> provider.findCharges(new OrderId(UUID.randomUUID())))
			.withMessageContaining("500 api_error");
		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> provider.findCharges(new OrderId(UUID.randomUUID())));

		assertThat(circuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
	}

	@Test
	void malformedAnswerIsUnknownWithoutRetry() {
		ChargeRequest request = charge("tok_malformed");

		assertThat(provider.charge(request)).isInstanceOfSatisfying(ChargeOutcome.Unknown.class,
				unknown -> assertThat(unknown.detail()).startsWith("malformed provider response"));
		assertThat(SandboxAccess.requests(request.orderId().toString())).hasSize(1);
	}

	@Test
	void outageIsRetriedThenReportedUnavailableAndOpensTheBreaker() {
		SandboxAccess.goDown();
		ChargeRequest first = charge("tok_visa");

		assertThatExceptionOfType(ProviderUnavailableException.class).isThrownBy(() -> provider.charge(first))
			.withMessageContaining("503");
		assertThat(SandboxAccess.requests(first.orderId().toString())).hasSize(3);
		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> provider.charge(charge("tok_visa")));

		assertThat(circuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		ChargeRequest shortCircuited = charge("tok_visa");
		assertThatExceptionOfType(ProviderUnavailableException.class).isThrownBy(() -> provider.charge(shortCircuited))
			.withMessageContaining("circuit breaker OPEN");
		assertThat(SandboxAccess.requests(shortCircuited.orderId().toString())).isEmpty();
	}

	@Test
	void slowProviderRunsIntoTheTimeLimitAndIsUnavailable() {
		SandboxAccess.latency(3_000);

		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> provider.charge(charge("tok_visa")))
			.withMessageContaining("no answer within 1500 ms");
	}

	@Test
	void wrongApiKeyIsUnavailabilityNotAFailedPayment() {
		PaymentProvider misconfigured = provider(SandboxAccess.url(), "sk_test_wrong");

		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> misconfigured.charge(charge("tok_visa")))
			.withMessageContaining("401 authentication_error");
	}

	@Test
	void unreachableProviderIsUnavailable() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		PaymentProvider nowhere = provider("http://localhost:" + port, SandboxAccess.API_KEY);

		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> nowhere.charge(charge("tok_visa")))
			.withMessageContaining("unreachable");
	}

	@Test
	void neverStartsAnAttemptAtOrAfterPayBy() {
		OrderId order = new OrderId(UUID.randomUUID());
		ChargeRequest late = new ChargeRequest(order, Money.of(1, "EUR"), "tok_visa", order.toString(),
				Instant.now().minusMillis(1));

		assertThatExceptionOfType(ProviderUnavailableException.class).isThrownBy(() -> provider.charge(late))
			.withMessageContaining("payBy");
		assertThat(SandboxAccess.requests(order.toString())).isEmpty();
	}

	@Test
	void findsTheChargeOfAnOrderWithoutCharging() {
		ChargeRequest request = charge("tok_visa");
		ChargeOutcome.Charged charged = (ChargeOutcome.Charged) provider.charge(request);

		assertThat(provider.findCharges(request.orderId()))
			.containsExactly(new ProviderCharge(charged.reference(), request.amount(), ChargeState.SUCCEEDED, false));
		assertThat(provider.findCharges(new OrderId(UUID.randomUUID()))).isEmpty();
		assertThat(SandboxAccess.charges(request.orderId().toString())).hasSize(1);
	}

	@Test
	void refundsOnceAndRefusesToRefundWhatWasNeverCharged() {
		ChargeRequest request = charge("tok_visa");
		ChargeOutcome.Charged charged = (ChargeOutcome.Charged) provider.charge(request);
		PaymentProvider.RefundRequest refund = new PaymentProvider.RefundRequest(request.orderId(), charged.reference(),
				request.amount(), "refund-" + request.orderId());

		PaymentProvider.Refunded first = provider.refund(refund);

		assertThat(first.reference()).startsWith("re_");
		assertThat(provider.refund(refund)).isEqualTo(first);
		assertThat(SandboxAccess.refunds(request.orderId().toString())).hasSize(1);
		assertThatExceptionOfType(RefundFailedException.class)
			.isThrownBy(() -> provider.refund(new PaymentProvider.RefundRequest(request.orderId(), "ch_unknown",
					request.amount(), "refund-x-" + request.orderId())))
			.withMessageContaining("resource_missing");
	}

}
