package dev.ordersaga.support.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real OIDC issuer for service tests, one per test JVM: an RSA key, the discovery
 * document ({@code /.well-known/openid-configuration}) and the JWK set on a loopback
 * port, so that a service under test validates tokens exactly as in production (issuer
 * discovery, signature, expiry, issuer, audience). Tests mint tokens for the three kinds
 * of callers, or craft broken ones ({@link #token()}).
 */
public final class TestIssuer {

	/** The audience every saga service expects (saga-defaults.yml). */
	public static final String AUDIENCE = "order-saga";

	private static final RSAKey KEY = rsaKey("test-issuer");

	private static final HttpServer SERVER = start();

	private TestIssuer() {
	}

	/** The issuer URI, e.g. {@code http://127.0.0.1:41234}. */
	public static String uri() {
		return "http://127.0.0.1:" + SERVER.getAddress().getPort();
	}

	/** Points a service under test at this issuer, with the production audience. */
	public static void register(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestIssuer::uri);
		registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> AUDIENCE);
	}

	/** {@code Bearer <token>} of an operator (scope {@code saga.operate}). */
	public static String operator() {
		return bearer(token().subject("saga-operator").scope("saga.operate").sign());
	}

	/** {@code Bearer <token>} of the storefront (scope {@code customers.register}). */
	public static String storefront() {
		return bearer(token().subject("storefront").scope("customers.register").sign());
	}

	/**
	 * {@code Bearer <token>} of a customer (scope {@code orders}, claim
	 * {@code customer_id}).
	 */
	public static String customer(UUID customerId) {
		return bearer(token().subject(customerId.toString())
			.scope("orders")
			.claim("customer_id", customerId.toString())
			.sign());
	}

	public static String customer(String customerId) {
		return customer(UUID.fromString(customerId));
	}

	public static String bearer(String token) {
		return "Bearer " + token;
	}

	/**
	 * A token of this issuer for the right audience, valid for two hours (test contexts
	 * are cached for a whole run), to adjust.
	 */
	public static Token token() {
		return new Token();
	}

	/** A token under construction. */
	public static final class Token {

		private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(uri())
			.audience(AUDIENCE)
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2))))
			.jwtID(UUID.randomUUID().toString());

		private Token() {
		}

		public Token subject(String subject) {
			claims.subject(subject);
			return this;
		}

		/** Space-separated scopes, as OAuth2 issuers put them in {@code scope}. */
		public Token scope(String scopes) {
			claims.claim("scope", scopes);
			return this;
		}

		public Token claim(String name, Object value) {
			claims.claim(name, value);
			return this;
		}

		public Token issuer(String issuer) {
			claims.issuer(issuer);
			return this;
		}

		public Token audience(String audience) {
			claims.audience(List.of(audience));
			return this;
		}

		public Token expiresAt(Instant expiry) {
			claims.expirationTime(Date.from(expiry));
			return this;
		}

		/** Signed with the issuer's key (RS256). */
		public String sign() {
			return sign(KEY);
		}

		/** Signed with a key the issuer never published. */
		public String signWithForeignKey() {
			return sign(rsaKey("test-issuer"));
		}

		/** {@code alg: none}: an unsigned token with an empty signature part. */
		public String unsigned() {
			Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
			String header = base64
				.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
			String payload = base64.encodeToString(claims.build().toString().getBytes(StandardCharsets.UTF_8));
			return header + "." + payload + ".";
		}

		private String sign(RSAKey key) {
			try {
				SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
					.type(JOSEObjectType.JWT)
					.build(), claims.build());
				jwt.sign(new RSASSASigner(key));
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	private static RSAKey rsaKey(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/.well-known/openid-configuration", exchange -> {
				Map<String, Object> discovery = new LinkedHashMap<>();
				discovery.put("issuer", uri());
				discovery.put("jwks_uri", uri() + "/jwks");
				discovery.put("subject_types_supported", List.of("public"));
				discovery.put("id_token_signing_alg_values_supported", List.of("RS256"));
				respond(exchange, com.nimbusds.jose.util.JSONObjectUtils.toJSONString(discovery));
			});
			server.createContext("/jwks", exchange -> respond(exchange, new JWKSet(KEY.toPublicJWK()).toString()));
			// a thread per request: a service's first discovery call must not queue
			// behind
			// another test's on a loaded machine
			server.setExecutor(Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory()));
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the test issuer", ex);
		}
	}

	private static void respond(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
