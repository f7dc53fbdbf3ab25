package dev.ordersaga.support.security;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Makes every saga service's HTTP API an OAuth2 resource server: a bearer JWT from the
 * issuer at {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (any OIDC
 * issuer: Keycloak, Entra ID, Okta, devstack's auth-server), checked for signature,
 * expiry, issuer and audience ({@code ...jwt.audiences}) by Spring Boot's JWT decoder.
 * Without an issuer the service does not start, so it can never run open.
 * <p>
 * Scopes become {@code SCOPE_*} authorities ({@link Scopes}); each service adds its
 * function-level rules as an {@link ApiAuthorization} bean, and everything no rule
 * matches needs the operator scope. Stateless (no session, no CSRF token needed for a
 * bearer-only API), Spring Security's default security headers, CORS denied unless
 * {@code saga.security.cors-allowed-origins} lists origins, 401 and 403 as problem+json.
 * On the management port only health (without details for anonymous callers) and
 * Prometheus are open; every other actuator endpoint needs the operator scope.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableConfigurationProperties({ SecurityProperties.class, RateLimitProperties.class })
@EnableWebSecurity
public class SagaSecurityAutoConfiguration {

	/** Paths open without a token: probes, the scraper, API documentation, errors. */
	public static final String[] PUBLIC = { "/actuator/health", "/actuator/health/liveness",
			"/actuator/health/readiness", "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**",
			"/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/error" };

	static {
		// the caller comes from the token, never from the request: no parameter in the
		// API description
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemSecurityHandler problemSecurityHandler(JsonMapper json) {
		return new ProblemSecurityHandler(json);
	}

	@Bean
	@ConditionalOnMissingBean(name = "sagaApiSecurity")
	SecurityFilterChain sagaApiSecurity(HttpSecurity http, ObjectProvider<ApiAuthorization> rules,
			ProblemSecurityHandler problems) throws Exception {
		http.authorizeHttpRequests(requests -> {
			requests.requestMatchers(HttpMethod.GET, PUBLIC).permitAll();
			requests.requestMatchers("/error").permitAll();
			rules.orderedStream().forEach(rule -> rule.authorize(requests));
			requests.anyRequest().hasAuthority(Scopes.SAGA_OPERATE);
		})
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.cors(Customizer.withDefaults())
			.headers(Customizer.withDefaults());
		return http.build();
	}

	/**
	 * Cross-origin calls only from the configured origins; with none configured, no CORS
	 * headers are ever sent, so browsers refuse every cross-origin call.
	 */
	@Bean
	@ConditionalOnMissingBean
	CorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (!properties.corsAllowedOrigins().isEmpty()) {
			CorsConfiguration cors = new CorsConfiguration();
			cors.setAllowedOrigins(properties.corsAllowedOrigins());
			cors.setAllowedMethods(List.of("GET", "POST", "PATCH"));
			cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key"));
			cors.setExposedHeaders(List.of("Location", "Retry-After"));
			source.registerCorsConfiguration("/**", cors);
		}
		return source;
	}

	/**
	 * Per-caller rate limits, after Spring Security's filter (order -100) so that the
	 * caller is known.
	 */
	@Bean
	FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimitProperties properties, JsonMapper json) {
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
				new RateLimitFilter(properties, json));
		registration.setOrder(0);
		return registration;
	}

	@Bean
	CallerArgumentResolver callerArgumentResolver(SecurityProperties properties) {
		return new CallerArgumentResolver(properties.customerClaim());
	}

	@Bean
	WebMvcConfigurer callerParameters(CallerArgumentResolver resolver) {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(resolver);
			}
		};
	}

	/**
	 * Request bodies read strictly: a field a request type does not declare answers 400
	 * (mass assignment); see {@link StrictRequestBodies}.
	 */
	@Bean
	JsonMapperBuilderCustomizer strictRequestBodies() {
		return builder -> builder.addHandler(new StrictRequestBodies());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(OpenApiCustomizer.class)
	static class OpenApiSecurity {

		static final String SCHEME = "bearer-jwt";

		/** Every operation declares the bearer scheme (Swagger UI's Authorize button). */
		@Bean
		OpenApiCustomizer bearerSecurityScheme() {
			return openApi -> {
				if (openApi.getComponents() == null) {
					openApi.setComponents(new Components());
				}
				openApi.getComponents()
					.addSecuritySchemes(SCHEME,
							new SecurityScheme().type(SecurityScheme.Type.HTTP)
								.scheme("bearer")
								.bearerFormat("JWT")
								.description("An access token of the configured OIDC issuer"));
				if (openApi.getPaths() != null) {
					openApi.getPaths()
						.values()
						.forEach(path -> path.readOperations()
							.forEach(
									operation -> operation.addSecurityItem(new SecurityRequirement().addList(SCHEME))));
				}
			};
		}

	}

}
