package dev.ordersaga.email.sending;

/**
 * An e-mail ready to go: a checked recipient and rendered content. Stored with the mail
 * log entry, so that a resend after a crash carries exactly the same message.
 *
 * @param to the recipient address, validated and free of control characters
 * @param toName the display name, stripped of control characters
 * @param locale the language tag the e-mail was written in
 */
public record ComposedMail(String to, String toName, String locale, String subject, String text, String html) {
}
