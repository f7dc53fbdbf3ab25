package dev.ordersaga.devstack;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Every service the stack runs: the one table to extend when a module is added (plus its
 * jar in {@code pom.xml}). The runnable jar is expected at
 * {@code devstack/target/services/<id>.jar}.
 */
public enum SagaService {

	/**
	 * The dev-only OIDC issuer (Spring Authorization Server) every other service takes
	 * its tokens from; started first.
	 */
	AUTH_SERVER("auth-server", 9000),

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

	/**
	 * Whether the service serves its actuator on a management port of its own (every saga
	 * service: fn-support's defaults) rather than on its API port.
	 */
	public boolean hasManagementPort() {
		return this != AUTH_SERVER && this != PAYMENT_SANDBOX;
	}

	/** Management port of the local run: the API port + 1000 (order-fn 9081, …). */
	public int defaultManagementPort() {
		return defaultPort + 1000;
	}

	/** The component name of its management port in the stack's port table. */
	public String managementComponent() {
		return id + "-management";
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
