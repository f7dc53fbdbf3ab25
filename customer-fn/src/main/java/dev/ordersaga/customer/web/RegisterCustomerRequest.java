package dev.ordersaga.customer.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /customers}.
 *
 * @param locale BCP 47 language tag the customer is written to in, e.g. {@code ko}
 * @param creditLimit the most credit the customer's open orders may hold; zero for none
 */
public record RegisterCustomerRequest(
		@NotBlank @Size(max = 200) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String name,
		@NotBlank @Email @Size(max = 254) @Pattern(regexp = Text.SINGLE_LINE,
				message = Text.SINGLE_LINE_MESSAGE) String email,
		@NotBlank @LanguageTag String locale, @NotNull @Valid MoneyBody creditLimit) {
}
