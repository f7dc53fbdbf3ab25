package dev.ordersaga.customer.web;

import dev.ordersaga.customer.Customer;

/**
 * A customer as the API shows it.
 *
 * @param availableCredit the credit limit less the credit held by open orders
 */
public record CustomerResponse(String customerId, String name, String email, String locale, MoneyBody creditLimit,
		MoneyBody availableCredit) {

	static CustomerResponse of(Customer customer) {
		return new CustomerResponse(customer.id().toString(), customer.name(), customer.email(), customer.locale(),
				MoneyBody.of(customer.creditLimit()), MoneyBody.of(customer.availableCredit()));
	}
}
