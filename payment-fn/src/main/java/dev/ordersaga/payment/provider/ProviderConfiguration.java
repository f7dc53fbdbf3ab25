package dev.ordersaga.payment.provider;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.payment.PaymentProperties;
import dev.ordersaga.payment.PaymentProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The provider port: the HTTP client wrapped in the Resilience4j instances the starter
 * builds from {@code resilience4j.*.instances.paymentProvider} (which also publishes
 * their metrics and health). The decorators are applied in code rather than through
 * annotations so that their order and the translation of their exceptions are explicit,
 * and the circuit breaker is a plain object whose state transitions pause the input
 * binding.
 */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

	@Bean(destroyMethod = "close")
	ExecutorService paymentProviderCalls() {
		return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("payment-provider-", 0).factory());
	}

	@Bean
	PaymentProvider paymentProvider(RestClient.Builder restClients, PaymentProperties properties, JsonMapper json,
			CircuitBreakerRegistry circuitBreakers, RetryRegistry retries, BulkheadRegistry bulkheads,
			TimeLimiterRegistry timeLimiters, ExecutorService paymentProviderCalls, Clock clock,
			ObservationRegistry observations) {
		PaymentProperties.Provider provider = properties.provider();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(provider.connectTimeout())
			.build());
		requests.setReadTimeout(provider.readTimeout());
		RestClient http = restClients.clone()
			.baseUrl(provider.baseUrl().toString())
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + provider.apiKey())
			.requestFactory(requests)
			.build();
		String instance = ResilientPaymentProvider.INSTANCE;
		return new ResilientPaymentProvider(new HttpPaymentProvider(http, json),
				circuitBreakers.circuitBreaker(instance), retries.retry(instance), bulkheads.bulkhead(instance),
				timeLimiters.timeLimiter(instance), paymentProviderCalls, clock, observations);
	}

}
