package dev.ordersaga.sandbox;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SandboxConfiguration {

	/**
	 * The gate applies to the provider API only; controls and actuator stay reachable
	 * during an outage.
	 */
	@Bean
	FilterRegistrationBean<ApiGate> apiGate(SandboxState state, SandboxProperties properties, Ledger ledger) {
		FilterRegistrationBean<ApiGate> registration = new FilterRegistrationBean<>(
				new ApiGate(state, properties, ledger));
		registration.addUrlPatterns("/v1/*");
		return registration;
	}

}
