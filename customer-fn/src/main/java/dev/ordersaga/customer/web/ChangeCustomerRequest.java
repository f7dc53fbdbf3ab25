package dev.ordersaga.customer.web;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.ordersaga.support.web.FieldError;

/**
 * Body of {@code PATCH /customers/{id}}, a JSON merge patch (RFC 7396): an absent field
 * stays as it is. No field can be removed, so an explicit {@code null} is rejected rather
 * than ignored. A class with setters, not a record, because only setters tell an absent
 * field from an explicit {@code null}.
 */
public final class ChangeCustomerRequest {

	@Size(max = 200)
	@Pattern(regexp = Text.NOT_BLANK, message = Text.NOT_BLANK_MESSAGE)
	@Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE)
	private String name;

	@Email
	@Size(max = 254)
	@Pattern(regexp = Text.NOT_BLANK, message = Text.NOT_BLANK_MESSAGE)
	@Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE)
	private String email;

	/** BCP 47 language tag, e.g. {@code en-GB}. */
	@LanguageTag
	private String locale;

	/**
	 * The new credit limit, in the customer's currency; it must cover the credit open
	 * orders hold.
	 */
	@Valid
	private MoneyBody creditLimit;

	private final Set<String> removed = new TreeSet<>();

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = present("name", name);
	}

	public String getEmail() {
		return email;
	}

	public void setEmail(String email) {
		this.email = present("email", email);
	}

	public String getLocale() {
		return locale;
	}

	public void setLocale(String locale) {
		this.locale = present("locale", locale);
	}

	public MoneyBody getCreditLimit() {
		return creditLimit;
	}

	public void setCreditLimit(MoneyBody creditLimit) {
		this.creditLimit = present("creditLimit", creditLimit);
	}

	/** The fields the patch asked to remove (set to {@code null}); none may be. */
	List<FieldError> removals() {
		return removed.stream().map(field -> new FieldError(field, "cannot be removed")).toList();
	}

	private <T> T present(String field, T value) {
		if (value == null) {
			removed.add(field);
		}
		return value;
	}

}
