package dev.ordersaga.audit.web;

import java.util.Set;

import dev.ordersaga.support.security.ProblemSecurityHandler;
import dev.ordersaga.support.security.Scopes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Everything audit-fn serves is for operators (scope {@code saga.operate}): the API, the
 * dashboard, and every endpoint added later, since nothing is opened by a rule of its
 * own. Two ways in: a bearer token, as on every saga service, or, for the dashboard in a
 * browser, a session from the operator's sign-in through the issuer (authorization-code
 * flow of client {@code dashboard}; the access token's scopes become the session's
 * authorities). A browser asking for a page without a session is sent to the sign-in; any
 * other caller gets 401 problem+json. Session requests that change something need the
 * CSRF token (cookie {@code XSRF-TOKEN}, sent back as header {@code X-XSRF-TOKEN}: Spring
 * Security's single-page-application setup); bearer requests do not.
 */
@Configuration(proxyBeanMethods = false)
class AuditSecurity {

	static final String LOGIN = "/oauth2/authorization/dashboard";

	static final String[] OPEN = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
			"/actuator/prometheus" };

	@Bean
	SecurityFilterChain sagaApiSecurity(HttpSecurity http, ProblemSecurityHandler problems) throws Exception {
		MediaTypeRequestMatcher browserPage = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		// curl and API clients accept */*: they get 401, only a browser asking for HTML
		// is
		// redirected
		browserPage.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		RequestMatcher bearer = request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null;
		// only the probes and the scraper are open (on the management port); unlike the
		// public services' API descriptions, audit-fn's is for operators too: the
		// Ingress's "/" route leads here
		http.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, OPEN)
			.permitAll()
			.requestMatchers("/error")
			.permitAll()
			.anyRequest()
			.hasAuthority(Scopes.SAGA_OPERATE))
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.oauth2Login(Customizer.withDefaults())
			.exceptionHandling(exceptions -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LOGIN), browserPage)
				.defaultAuthenticationEntryPointFor(problems, AnyRequestMatcher.INSTANCE)
				.accessDeniedHandler(problems))
			// the dashboard's script echoes cookie XSRF-TOKEN as header X-XSRF-TOKEN
			.csrf(csrf -> csrf.spa().ignoringRequestMatchers(bearer))
			.requestCache(Customizer.withDefaults())
			.cors(Customizer.withDefaults())
			.headers(Customizer.withDefaults());
		return http.build();
	}

}
