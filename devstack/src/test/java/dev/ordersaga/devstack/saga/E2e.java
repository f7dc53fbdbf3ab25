package dev.ordersaga.devstack.saga;

import java.util.Map;

import dev.ordersaga.devstack.SagaStack;
import dev.ordersaga.support.testing.KafkaTopics;

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

	/**
	 * The stack's topics as an outside producer or auditor reads and writes them (the
	 * broker is asked for on every call: it may have been restarted).
	 */
	public static KafkaTopics topics(SagaStack stack) {
		return new KafkaTopics(stack::kafkaBootstrap);
	}

	/** CloudEvents headers of an event published by the test itself. */
	static Map<String, String> cloudEvent(String id, String type, String subject) {
		return Map.of("ce_id", id, "ce_type", type, "ce_source", "/e2e-test", "ce_specversion", "1.0", "ce_subject",
				subject, "ce_time", "2026-11-25T10:00:00Z");
	}

}
