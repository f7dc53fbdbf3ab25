package dev.ordersaga.email.mail;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Turns customer-supplied contact data into header-safe values. Header injection needs a
 * line break inside a header value; addresses with any control character are refused, and
 * names and subjects lose theirs.
 */
final class Recipients {

	/**
	 * Control, format and line/paragraph separator characters: nothing a header value may
	 * carry.
	 */
	private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

	private static final Pattern SPACES = Pattern.compile("\\s+");

	/** Local part and domain may not exceed this together (RFC 5321). */
	private static final int MAX_ADDRESS = 254;

	private static final int MAX_NAME = 100;

	private Recipients() {
	}

	/**
	 * @return the address when {@code raw} is exactly one plain mailbox
	 * ({@code local@domain}, no display name, no group, no list) that parses strictly;
	 * empty otherwise
	 */
	static Optional<InternetAddress> mailbox(String raw) {
		if (raw == null || raw.isBlank() || raw.length() > MAX_ADDRESS || UNSAFE.matcher(raw).find()) {
			return Optional.empty();
		}
		String candidate = raw.strip();
		try {
			InternetAddress address = new InternetAddress(candidate, true);
			address.validate();
			boolean plain = !address.isGroup() && address.getPersonal() == null
					&& candidate.equals(address.getAddress()) && address.getAddress().indexOf('@') > 0;
			return plain ? Optional.of(address) : Optional.empty();
		}
		catch (AddressException ex) {
			return Optional.empty();
		}
	}

	/**
	 * A display name safe for the To header and the greeting: one line, trimmed, bounded;
	 * {@code null} if empty.
	 */
	static String displayName(String raw) {
		String line = singleLine(raw);
		if (line == null) {
			return null;
		}
		return line.length() <= MAX_NAME ? line : line.substring(0, MAX_NAME).strip();
	}

	/**
	 * {@code text} with every line break and control character turned into a space;
	 * {@code null} if blank.
	 */
	static String singleLine(String text) {
		if (text == null) {
			return null;
		}
		String line = SPACES.matcher(UNSAFE.matcher(text).replaceAll(" ")).replaceAll(" ").strip();
		return line.isEmpty() ? null : line;
	}

	/**
	 * Keeps the domain of addresses in free text (server answers) and hides the mailbox.
	 */
	static String maskAddresses(String text) {
		return text.replaceAll("[^\\s<>\"',;:]+@", "***@");
	}

}
