package dev.ordersaga.email.web;

import dev.ordersaga.support.security.ApiAuthorization;
import dev.ordersaga.support.security.Scopes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Customers (the mails of their own orders, decided per object in
 * {@link EmailController}) and operators read the mail log.
 */
@Configuration(proxyBeanMethods = false)
class EmailApiAccess {

	@Bean
	ApiAuthorization emailApiAuthorization() {
		return requests -> requests.requestMatchers(HttpMethod.GET, "/emails")
			.hasAnyAuthority(Scopes.ORDERS, Scopes.SAGA_OPERATE);
	}

}
