package dev.ordersaga.authserver;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /dev/tokens} with the form field {@code customer_id}: a customer's access
 * token (scope {@code orders}, claim {@code customer_id}, signed with the issuer's key),
 * for devstack and the end-to-end tests. Only the storefront client may ask (HTTP Basic
 * with its client secret). This endpoint exists in this dev issuer only: a real
 * deployment gets customer tokens from the customer's own sign-in.
 */
@RestController
class DevTokens {

	private final RegisteredClientRepository clients;

	private final PasswordEncoder passwords;

	private final JwtEncoder encoder;

	private final AuthorizationServerSettings settings;

	private final AuthServerProperties properties;

	DevTokens(RegisteredClientRepository clients, PasswordEncoder passwords, JwtEncoder encoder,
			AuthorizationServerSettings settings, AuthServerProperties properties) {
		this.clients = clients;
		this.passwords = passwords;
		this.encoder = encoder;
		this.settings = settings;
		this.properties = properties;
	}

	@PostMapping(path = "/dev/tokens", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Map<String, Object>> customerToken(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestParam(name = "customer_id", required = false) String customerId) {
		if (!storefront(authorization)) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"dev-tokens\"")
				.body(Map.of("error", "invalid_client"));
		}
		UUID customer;
		try {
			customer = UUID.fromString(customerId == null ? "" : customerId);
		}
		catch (IllegalArgumentException ex) {
			return ResponseEntity.badRequest()
				.body(Map.of("error", "invalid_request", "error_description", "customer_id must be a customer's UUID"));
		}
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(settings.getIssuer())
			.subject(customer.toString())
			.audience(List.of(properties.audience()))
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(now.plus(properties.customerTokenTtl()))
			.id(UUID.randomUUID().toString())
			.claim("scope", "orders")
			.claim("customer_id", customer.toString())
			.build();
		String token = encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
			.getTokenValue();
		return ResponseEntity.ok()
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(Map.of("access_token", token, "token_type", "Bearer", "expires_in",
					properties.customerTokenTtl().toSeconds()));
	}

	private boolean storefront(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return false;
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		int colon = decoded.indexOf(':');
		if (colon < 0) {
			return false;
		}
		String clientId = decoded.substring(0, colon);
		RegisteredClient client = clients.findByClientId(clientId);
		return client != null && clientId.equals(properties.customerTokenClient()) && client.getClientSecret() != null
				&& passwords.matches(decoded.substring(colon + 1), client.getClientSecret());
	}

}
