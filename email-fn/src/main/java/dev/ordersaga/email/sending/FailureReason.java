package dev.ordersaga.email.sending;

/** Why an e-mail was given up; the {@code reason} of {@code EmailFailed}. */
public enum FailureReason {

	/**
	 * No contact data for the customer (or no customer for the order) arrived within the
	 * wait.
	 */
	NO_CONTACT,
	/**
	 * The customer's address cannot be used as a recipient (malformed, several addresses,
	 * control characters).
	 */
	INVALID_RECIPIENT,
	/** The SMTP server refused the message for good (5xx), e.g. an unknown mailbox. */
	REJECTED,
	/**
	 * The SMTP server stayed unreachable or answered 4xx until the retry budget was
	 * spent.
	 */
	SMTP_UNAVAILABLE

}
