package dev.ordersaga.payment;

import java.util.List;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.sandbox.PaymentSandboxApplication;
import dev.ordersaga.support.SagaDefaults;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The sandbox payment provider, started in-process once per test JVM on a random port, so
 * that payment-fn's tests drive the real HTTP client path. It is the same application
 * devstack runs; only the saga stack's auto-configuration, which is on this test class
 * path but not on the sandbox's own, is kept away from it.
 */
public final class SandboxAccess {

	public static final String API_KEY = "sk_test_sandbox";

	/** Auto-configuration the sandbox never has on its own class path. */
	private static final List<String> NOT_THE_SANDBOX = List.of("org.springframework.cloud.",
			"org.springframework.boot.kafka.", "org.springframework.boot.mongodb.", "org.springframework.boot.data.",
			"org.springframework.boot.integration.", "io.github.resilience4j.", "org.springdoc.",
			"org.springframework.boot.security.", "dev.ordersaga.support.");

	private static final ConfigurableApplicationContext SANDBOX = start();

	private static final RestClient CONTROLS = RestClient.builder()
		.baseUrl(url())
		.defaultStatusHandler(status -> true, (request, response) -> {
		})
		.build();

	static {
		// the first request initialises the sandbox's dispatcher servlet, which on a busy
		// machine takes longer than the tests' time limit: not the first charge's job
		CONTROLS.get().uri("/sandbox/status").retrieve().toBodilessEntity();
	}

	private SandboxAccess() {
	}

	public static String url() {
		return "http://localhost:" + ((WebServerApplicationContext) SANDBOX).getWebServer().getPort();
	}

	public static void goDown() {
		CONTROLS.post().uri("/sandbox/outage").retrieve().toBodilessEntity();
	}

	/**
	 * @param mode {@code UNAVAILABLE} (503), {@code TIMEOUT} (hang) or
	 * {@code SERVER_ERROR} (500 to everything)
	 */
	public static void goDown(String mode) {
		CONTROLS.post().uri("/sandbox/outage?mode={mode}", mode).retrieve().toBodilessEntity();
	}

	public static void comeBack() {
		CONTROLS.delete().uri("/sandbox/outage").retrieve().toBodilessEntity();
	}

	public static void latency(long millis) {
		CONTROLS.put()
			.uri("/sandbox/latency")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"millis\":" + millis + "}")
			.retrieve()
			.toBodilessEntity();
	}

	/**
	 * Charges the sandbox executed for the order (succeeded and declined), never replays.
	 */
	public static List<JsonNode> charges(String orderId) {
		return list("/sandbox/charges?orderId=" + orderId);
	}

	public static List<JsonNode> succeededCharges(String orderId) {
		return charges(orderId).stream().filter(c -> "succeeded".equals(c.get("status").asString())).toList();
	}

	/** Refunds the sandbox executed for the order, never replays. */
	public static List<JsonNode> refunds(String orderId) {
		return list("/sandbox/refunds?orderId=" + orderId);
	}

	/**
	 * Every API request about the order, or carrying it as idempotency key, with its
	 * outcome.
	 */
	public static List<JsonNode> requests(String orderId) {
		List<JsonNode> about = list("/sandbox/requests?orderId=" + orderId);
		List<JsonNode> keyed = list("/sandbox/requests?idempotencyKey=" + orderId);
		return java.util.stream.Stream.concat(about.stream(), keyed.stream()).distinct().toList();
	}

	/**
	 * Charges the order directly at the provider, as an earlier attempt of payment-fn
	 * would have.
	 */
	public static String chargeDirectly(String orderId, long amount, String currency) {
		String body = """
				{"amount":%d,"currency":"%s","source":"tok_visa","description":"Order %s","metadata":{"orderId":"%s"}}"""
			.formatted(amount, currency, orderId, orderId);
		return JsonMapper.shared()
			.readTree(CONTROLS.post()
				.uri("/v1/charges")
				.header("Authorization", "Bearer " + API_KEY)
				.header("Idempotency-Key", orderId)
				.contentType(MediaType.APPLICATION_JSON)
				.body(body)
				.retrieve()
				.body(String.class))
			.get("id")
			.asString();
	}

	private static List<JsonNode> list(String uri) {
		JsonNode array = JsonMapper.shared().readTree(CONTROLS.get().uri(uri).retrieve().body(String.class));
		return array.valueStream().toList();
	}

	private static ConfigurableApplicationContext start() {
		String excluded = ImportCandidates.load(AutoConfiguration.class, SandboxAccess.class.getClassLoader())
			.getCandidates()
			.stream()
			.filter(name -> NOT_THE_SANDBOX.stream().anyMatch(name::startsWith))
			.collect(Collectors.joining(","));
		ConfigurableApplicationContext context = PaymentSandboxApplication.builder()
			.properties("spring.autoconfigure.exclude=" + excluded, "spring.main.banner-mode=off",
					"spring.jmx.enabled=false")
			// the sandbox is no saga service: fn-support's saga defaults (readiness on
			// MongoDB and Kafka, ...) stay out of it
			.run("--server.port=0", "--sandbox.api-keys=" + API_KEY, "--" + SagaDefaults.ENABLED + "=false");
		Runtime.getRuntime().addShutdownHook(new Thread(context::close, "payment-sandbox-stop"));
		return context;
	}

}
