package dev.ordersaga.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens from devstack's issuer (the auth-server JVM), the way the banner tells a
 * developer to get them: client credentials for the operator ({@code saga-operator} /
 * {@code operator-secret}, scope {@code saga.operate}) and the storefront
 * ({@code storefront} / {@code storefront-secret}, scope {@code customers.register}), and
 * customer tokens from {@code POST /dev/tokens} as the storefront. Tokens are cached
 * until shortly before they expire, so callers simply ask for a header on every request.
 * <p>
 * The stack that starts the issuer registers it as {@link #current()}, so that the load,
 * chaos and benchmark tools in this JVM find it without wiring.
 */
public final class DevTokens {

	public static final String OPERATOR_CLIENT = "saga-operator";

	public static final String OPERATOR_SECRET = "operator-secret";

	public static final String STOREFRONT_CLIENT = "storefront";

	public static final String STOREFRONT_SECRET = "storefront-secret";

	/** The dashboard login (authorization-code flow through the issuer). */
	public static final String OPERATOR_USER = "operator";

	public static final String OPERATOR_PASSWORD = "operator-password";

	private static final Duration EARLY = Duration.ofSeconds(60);

	private static volatile DevTokens current;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String issuer;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Map<String, Token> cache = new ConcurrentHashMap<>();

	private record Token(String value, Instant refreshAt) {
	}

	public DevTokens(String issuer) {
		this.issuer = issuer;
	}

	/** The issuer of the stack running in this JVM, if one was started. */
	public static Optional<DevTokens> current() {
		return Optional.ofNullable(current);
	}

	static void register(DevTokens tokens) {
		current = tokens;
	}

	/** {@code Bearer …} of the stack's operator, if a stack with an issuer runs here. */
	public static Optional<String> operatorHeader() {
		return current().map(DevTokens::operator);
	}

	/**
	 * {@code request} with the operator's token of the stack in this JVM, unless it
	 * carries credentials already or no stack with an issuer runs here.
	 */
	public static HttpRequest withOperator(HttpRequest request) {
		if (request.headers().firstValue("Authorization").isPresent()) {
			return request;
		}
		return operatorHeader()
			.map(header -> HttpRequest.newBuilder(request, (name, value) -> true)
				.header("Authorization", header)
				.build())
			.orElse(request);
	}

	public String issuer() {
		return issuer;
	}

	/** {@code Bearer <token>} with scope {@code saga.operate}. */
	public String operator() {
		return cached("operator", () -> clientCredentials(OPERATOR_CLIENT, OPERATOR_SECRET));
	}

	/** {@code Bearer <token>} with scope {@code customers.register}. */
	public String storefront() {
		return cached("storefront", () -> clientCredentials(STOREFRONT_CLIENT, STOREFRONT_SECRET));
	}

	/** {@code Bearer <token>} of one customer (scope {@code orders}). */
	public String customer(String customerId) {
		return cached("customer:" + customerId,
				() -> post("/dev/tokens", "customer_id=" + URLEncoder.encode(customerId, StandardCharsets.UTF_8),
						STOREFRONT_CLIENT, STOREFRONT_SECRET));
	}

	private String cached(String key, java.util.function.Supplier<JsonNode> fetch) {
		Token token = cache.get(key);
		if (token == null || Instant.now().isAfter(token.refreshAt())) {
			JsonNode answer = fetch.get();
			long expiresIn = answer.path("expires_in").asLong(300);
			token = new Token("Bearer " + answer.get("access_token").asString(),
					Instant.now().plusSeconds(expiresIn).minus(EARLY));
			cache.put(key, token);
		}
		return token.value();
	}

	private JsonNode clientCredentials(String client, String secret) {
		return post("/oauth2/token", "grant_type=client_credentials", client, secret);
	}

	private JsonNode post(String path, String form, String client, String secret) {
		String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + path))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						"The issuer answered " + response.statusCode() + " on " + path + ": " + response.body());
			}
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("The issuer at " + issuer + " is not reachable", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while asking the issuer for a token", ex);
		}
	}

}
