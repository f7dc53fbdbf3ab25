package dev.ordersaga.devstack;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Every service the stack runs: the one table to extend when a module is added (plus its
 * jar in {@code pom.xml}). The runnable jar is expected at
 * {@code devstack/target/services/<id>.jar}.
 */
public enum SagaService {

	/** Saga timelines, consistency verdicts and the dashboard. */
	AUDIT_FN("audit-fn", 8080),

	ORDER_FN("order-fn", 8081),

	CUSTOMER_FN("customer-fn", 8082),

	PAYMENT_FN("payment-fn", 8083),

	EMAIL_FN("email-fn", 8084),

	/**
	 * The payment provider's test mode that payment-fn charges through; not part of the
	 * saga.
	 */
	PAYMENT_SANDBOX("payment-sandbox", 8090);

	private final String id;

	private final int defaultPort;

	SagaService(String id, int defaultPort) {
		this.id = id;
		this.defaultPort = defaultPort;
	}

	/** Module name, also the jar name, the MongoDB database name and the log prefix. */
	public String id() {
		return id;
	}

	/**
	 * Port of the local run (ARCHITECTURE §5); overridable with
	 * {@code -Ddevstack.port.<id>}.
	 */
	public int defaultPort() {
		return defaultPort;
	}

	/** Readiness probe that says the service takes traffic. */
	public String readinessPath() {
		return "/actuator/health/readiness";
	}

	public static SagaService byId(String id) {
		return Arrays.stream(values())
			.filter(service -> service.id.equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown service '" + id + "', known: "
					+ Arrays.stream(values()).map(SagaService::id).collect(Collectors.joining(", "))));
	}

}
