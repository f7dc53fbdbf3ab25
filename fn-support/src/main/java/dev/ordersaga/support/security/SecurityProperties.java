package dev.ordersaga.support.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * HTTP security settings shared by every saga service. The token issuer and the expected
 * audience are Spring Boot's own keys:
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} and
 * {@code spring.security.oauth2.resourceserver.jwt.audiences}.
 *
 * @param customerClaim the JWT claim naming the customer a token with the {@code orders}
 * scope acts for; without it, the subject when it is a customer id
 * @param corsAllowedOrigins origins browsers may call the API from; empty (the default)
 * denies every cross-origin call
 */
@ConfigurationProperties("saga.security")
public record SecurityProperties(@DefaultValue("customer_id") String customerClaim,
		@DefaultValue List<String> corsAllowedOrigins) {
}
