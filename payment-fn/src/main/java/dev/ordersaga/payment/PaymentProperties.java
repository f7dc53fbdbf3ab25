package dev.ordersaga.payment;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
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
 * @param maxRetryInterval the longest wait between two attempts of an event that must
 * neither be dropped nor dead-lettered but does not wait for an outage: a refund the
 * provider fails or refuses, a charge whose outcome the provider cannot tell yet. The
 * wait starts at {@code outageRetryInterval} and doubles up to this.
 * @param recheck how payments decided without a charge are looked at again
 */
@ConfigurationProperties("saga.payment")
@Validated
public record PaymentProperties(@NotNull @Valid Provider provider, @DefaultValue("1s") Duration outageRetryInterval,
		@DefaultValue("30s") Duration maxRetryInterval, @DefaultValue @NotNull @Valid Recheck recheck) {

	/**
	 * Re-checks of a payment decided without a charge after an attempt whose outcome was
	 * not certain (expired or voided with an attempt unresolved, failed after a server
	 * error or an unusable answer): the provider's search may lag, and an attempt
	 * abandoned by the time limit may still land, so the provider is asked again and any
	 * charge it holds for the order is refunded.
	 *
	 * @param delays the wait before each re-check, the first counted from the decision;
	 * as many re-checks as delays
	 * @param pollInterval how often due re-checks are looked for
	 * @param lease how long a claimed re-check is left to the replica that claimed it;
	 * one that failed (provider down) or whose replica died is taken up again after it
	 * @param batchSize how many due re-checks one look takes at most
	 */
	public record Recheck(@DefaultValue( {
			"10s", "1m", "10m" }) List<Duration> delays, @DefaultValue("5s") Duration pollInterval,
			@DefaultValue("1m") Duration lease, @DefaultValue("50") @Min(1) int batchSize){

		public Recheck {
			delays = List.copyOf(delays);
		}
	}

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
