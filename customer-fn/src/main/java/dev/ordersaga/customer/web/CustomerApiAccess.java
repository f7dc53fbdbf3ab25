package dev.ordersaga.customer.web;

import dev.ordersaga.support.security.ApiAuthorization;
import dev.ordersaga.support.security.Scopes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call which endpoint: the storefront (scope {@code customers.register})
 * registers customers; a customer (scope {@code orders}) reads and changes their own
 * record, decided per object in {@link CustomerController}; operators everything.
 */
@Configuration(proxyBeanMethods = false)
class CustomerApiAccess {

	@Bean
	ApiAuthorization customerApiAuthorization() {
		return requests -> requests.requestMatchers(HttpMethod.POST, "/customers")
			.hasAnyAuthority(Scopes.CUSTOMERS_REGISTER, Scopes.SAGA_OPERATE)
			.requestMatchers(HttpMethod.GET, "/customers/*")
			.hasAnyAuthority(Scopes.ORDERS, Scopes.SAGA_OPERATE)
			.requestMatchers(HttpMethod.PATCH, "/customers/*")
			.hasAnyAuthority(Scopes.ORDERS, Scopes.SAGA_OPERATE);
	}

}
