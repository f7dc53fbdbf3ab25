package dev.ordersaga.customer.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The annotated string is a well-formed BCP 47 language tag with a language, such as
 * {@code ko}, {@code en-GB} or {@code zh-Hant-TW}; case does not matter. {@code null} is
 * valid (use @NotNull).
 */
@Documented
@Constraint(validatedBy = LanguageTag.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface LanguageTag {

	String message() default "must be a BCP 47 language tag such as ko or en-GB";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<LanguageTag, String> {

		/** Longer than any tag a mail template could use; keeps stored profiles small. */
		private static final int MAX_LENGTH = 35;

		/** The canonical form of a valid tag, e.g. {@code en-GB} for {@code EN-gb}. */
		static String normalize(String tag) {
			return Locale.forLanguageTag(tag).toLanguageTag();
		}

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			if (value.isEmpty() || value.length() > MAX_LENGTH) {
				return false;
			}
			// forLanguageTag parses leniently (it stops at the first ill-formed subtag),
			// so a tag is well-formed
			// exactly when it survives the round trip
			Locale locale = Locale.forLanguageTag(value);
			return !locale.getLanguage().isEmpty() && locale.toLanguageTag().equalsIgnoreCase(value);
		}

	}

}
