package dev.ordersaga.customer.web;

/** Rules for the free-text fields of requests. */
final class Text {

	/**
	 * No control characters or line breaks: names and addresses end up in mail headers,
	 * where a line break would let a caller add headers of their own.
	 */
	static final String SINGLE_LINE = "[^\\p{Cc}\\u2028\\u2029]*";

	static final String SINGLE_LINE_MESSAGE = "must not contain line breaks or control characters";

	/**
	 * At least one character that is not white space; for optional fields,
	 * where @NotBlank would reject absence.
	 */
	static final String NOT_BLANK = "(?s).*\\S.*";

	static final String NOT_BLANK_MESSAGE = "must not be blank";

	private Text() {
	}

}
