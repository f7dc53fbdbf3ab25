package dev.ordersaga.email.contact;

import jakarta.validation.constraints.NotNull;

import dev.ordersaga.email.CustomerId;

/**
 * email-fn's reading of {@code customer.registered.v1} and {@code customer.updated.v1} on
 * {@code customer-profiles}: only the contact fields. Other fields (credit limit, ...)
 * are ignored.
 *
 * @param locale a language tag such as {@code ko} or {@code en}; e-mails fall back to
 * English when it is missing or not one the templates speak
 */
public record CustomerProfile(@NotNull CustomerId customerId, @NotNull String name, @NotNull String email,
		String locale) {
}
