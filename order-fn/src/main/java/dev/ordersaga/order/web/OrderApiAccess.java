package dev.ordersaga.order.web;

import dev.ordersaga.support.security.ApiAuthorization;
import dev.ordersaga.support.security.Scopes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call which endpoint: customers (scope {@code orders}) and operators place,
 * read, list and cancel orders; which orders a customer sees is decided per object in
 * {@link OrderController}.
 */
@Configuration(proxyBeanMethods = false)
class OrderApiAccess {

	@Bean
	ApiAuthorization orderApiAuthorization() {
		return requests -> requests.requestMatchers(HttpMethod.POST, "/orders", "/orders/*/cancel")
			.hasAnyAuthority(Scopes.ORDERS, Scopes.SAGA_OPERATE)
			.requestMatchers(HttpMethod.GET, "/orders", "/orders/*")
			.hasAnyAuthority(Scopes.ORDERS, Scopes.SAGA_OPERATE);
	}

}
