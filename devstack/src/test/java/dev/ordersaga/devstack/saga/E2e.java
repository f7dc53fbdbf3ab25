package dev.ordersaga.devstack.saga;

import java.util.Map;

import dev.ordersaga.devstack.SagaStack;

/**
 * The one place the end-to-end tests configure the shared stack: timings shortened so
 * that outages and retry budgets play out in seconds instead of minutes. Every test class
 * asks for the stack through {@link #stack()}.
 */
public final class E2e {

	public static final Map<String, Map<String, String>> OVERRIDES = Map.of("order-fn",
			Map.of("saga.order.deadline-check-interval", "1s"), "payment-fn",
			Map.of("resilience4j.circuitbreaker.instances.paymentProvider.wait-duration-in-open-state", "2s"),
			"email-fn", Map.of("saga.email.retry.budget", "20s", "saga.email.retry.initial-backoff", "1s",
					"saga.email.retry.max-backoff", "3s", "saga.email.contact-wait", "30s"));

	private E2e() {
	}

	/** The shared stack with every service running in its end-to-end configuration. */
	public static SagaStack stack() {
		return SagaStack.shared(OVERRIDES);
	}

}
