package dev.ordersaga.authserver;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the dev issuer (the clients themselves are Spring Boot's
 * {@code spring.security.oauth2.authorizationserver.client.*} keys).
 *
 * @param audience the {@code aud} of every access token: what the saga services expect
 * ({@code spring.security.oauth2.resourceserver.jwt.audiences})
 * @param customerTokenClient the client that may ask {@code POST /dev/tokens} for
 * customer tokens
 * @param customerTokenTtl how long a customer token is valid
 * @param operatorUser the user who signs in to audit-fn's dashboard
 * @param operatorPassword that user's password
 */
@ConfigurationProperties("auth-server")
public record AuthServerProperties(@DefaultValue("order-saga") String audience,
		@DefaultValue("storefront") String customerTokenClient, @DefaultValue("1h") Duration customerTokenTtl,
		@DefaultValue("operator") String operatorUser, @DefaultValue("operator-password") String operatorPassword) {
}
