package dev.ordersaga.customer.web;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ordersaga.support.web.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

/** The request rules, without Spring. */
class RequestValidationTest {

	private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();

	private static final Validator VALIDATOR = FACTORY.getValidator();

	@AfterAll
	static void close() {
		FACTORY.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ko", "en", "en-GB", "EN-gb", "zh-Hant-TW", "de-CH-1996", "es-419" })
	void acceptsWellFormedLanguageTags(String tag) {
		assertThat(new LanguageTag.Validator().isValid(tag, null)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "en_US", "123", "und", "x-private", "i-klingon", "e", "en-", "ko KR",
			"abcdefghi-abcdefghi-abcdefghi-abcdefghi" })
	void rejectsAnythingElseAsALanguageTag(String tag) {
		assertThat(new LanguageTag.Validator().isValid(tag, null)).isFalse();
	}

	@Test
	void normalisesTheCaseOfALanguageTag() {
		assertThat(LanguageTag.Validator.normalize("EN-gb")).isEqualTo("en-GB");
	}

	@Test
	void acceptsAValidRegistration() {
		assertThat(VALIDATOR.validate(registration("Customer One", "one@example.com", 0L, "KRW"))).isEmpty();
	}

	@Test
	void rejectsLineBreaksInNamesAndAddresses() {
		assertThat(fields(
				VALIDATOR.validate(registration("Customer\r\nBcc: all@example.com", "one@example.com", 1L, "KRW"))))
			.containsExactly("name");
		assertThat(fields(
				VALIDATOR.validate(registration("Customer One", "one@example.com\nBcc: x@example.com", 1L, "KRW"))))
			.contains("email");
	}

	@Test
	void rejectsNegativeAndHugeCreditLimits() {
		assertThat(fields(VALIDATOR.validate(registration("Customer One", "one@example.com", -1L, "KRW"))))
			.containsExactly("creditLimit.amount");
		assertThat(
				fields(VALIDATOR.validate(registration("Customer One", "one@example.com", 1_000_000_000_001L, "KRW"))))
			.containsExactly("creditLimit.amount");
	}

	@Test
	void acceptsAnEmptyChange() {
		assertThat(VALIDATOR.validate(new ChangeCustomerRequest())).isEmpty();
	}

	@Test
	void tellsAnExplicitNullFromAnAbsentFieldInAChange() {
		ChangeCustomerRequest change = new ChangeCustomerRequest();
		change.setEmail(null);

		assertThat(change.removals()).extracting(FieldError::field).containsExactly("email");
	}

	@Test
	void rejectsBlankValuesInAChange() {
		ChangeCustomerRequest change = new ChangeCustomerRequest();
		change.setName(" ");
		change.setEmail("");
		change.setLocale("");

		assertThat(fields(VALIDATOR.validate(change))).containsExactlyInAnyOrder("name", "email", "locale");
	}

	private static RegisterCustomerRequest registration(String name, String email, Long amount, String currency) {
		return new RegisterCustomerRequest(name, email, "ko", new MoneyBody(amount, currency));
	}

	private static List<String> fields(Set<? extends ConstraintViolation<?>> violations) {
		return violations.stream().map(violation -> violation.getPropertyPath().toString()).sorted().toList();
	}

}
