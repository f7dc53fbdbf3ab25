package dev.ordersaga.support.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's function-level rules: which scopes may call which of its endpoints. Every
 * request no rule matches needs the operator scope, so an endpoint added without a rule
 * is closed to customers and services, never open.
 */
@FunctionalInterface
public interface ApiAuthorization {

	void authorize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);

}
