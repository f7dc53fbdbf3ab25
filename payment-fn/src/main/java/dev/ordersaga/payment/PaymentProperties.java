package dev.ordersaga.payment;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of payment-fn. The protection of the provider call (retry, circuit breaker,
 * time limiter, bulkhead) is configured under
 * {@code resilience4j.*.instances.paymentProvider}.
 *
 * @param provider where and how to reach the payment provider
 * @param outageRetryInterval how soon an order event that met an outage (provider
 * unavailable, database unreachable) is handled again; it is never dead-lettered for
 * that. While the circuit breaker is open the input binding is paused, so the event waits
 * for the resume.
 */
@ConfigurationProperties("saga.payment")
@Validated
public record PaymentProperties(@NotNull @Valid Provider provider, @DefaultValue("1s") Duration outageRetryInterval) {

	/**
	 * @param baseUrl the provider's API, e.g. {@code http://localhost:8090} (the devstack
	 * sandbox)
	 * @param apiKey secret key, sent as {@code Authorization: Bearer <key>}; from a
	 * Kubernetes Secret in production ({@code SAGA_PAYMENT_PROVIDER_API_KEY})
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout how long to wait for the answer of one request; the time limiter
	 * bounds the whole call
	 */
	public record Provider(@DefaultValue("http://localhost:8090") URI baseUrl, @NotBlank String apiKey,
			@DefaultValue("1s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout) {

		/** The key is a secret: never print it. */
		@Override
		public String toString() {
			return "Provider[baseUrl=" + baseUrl + ", apiKey=****, connectTimeout=" + connectTimeout + ", readTimeout="
					+ readTimeout + "]";
		}
	}
}
