package dev.ordersaga.payment.web;

import dev.ordersaga.support.security.ApiAuthorization;
import dev.ordersaga.support.security.Scopes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Customers (their own payments, decided per object in {@link PaymentController}) and
 * operators read payments.
 */
@Configuration(proxyBeanMethods = false)
class PaymentApiAccess {

	@Bean
	ApiAuthorization paymentApiAuthorization() {
		return requests -> requests.requestMatchers(HttpMethod.GET, "/payments")
			.hasAnyAuthority(Scopes.ORDERS, Scopes.SAGA_OPERATE);
	}

}
