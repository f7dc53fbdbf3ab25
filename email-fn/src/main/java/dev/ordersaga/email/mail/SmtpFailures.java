package dev.ordersaga.email.mail;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/**
 * Tells permanent SMTP failures (5xx: the server refuses this message or recipient for
 * good, or the message cannot even be built) from transient ones (connection refused,
 * timeouts, 4xx), and words them for the mail log.
 */
final class SmtpFailures {

	private static final int MAX_DETAIL = 300;

	private SmtpFailures() {
	}

	static boolean isPermanent(Throwable failure) {
		if (failure instanceof MailParseException || failure instanceof MailPreparationException) {
			return true;
		}
		return replyCode(failure).map(code -> code >= 500).orElse(false);
	}

	/**
	 * The SMTP server's answer if there was one (e.g. {@code 550 5.1.1 ...}), else the
	 * root cause; one line.
	 */
	static String describe(Throwable failure) {
		String detail = causes(failure).filter(SmtpFailures::hasReplyCode)
			.findFirst()
			.map(Throwable::getMessage)
			.orElseGet(() -> {
				Throwable root = causes(failure).reduce((first, second) -> second).orElse(failure);
				return root.getClass().getSimpleName() + ": " + root.getMessage();
			});
		String line = Recipients.singleLine(Recipients.maskAddresses(String.valueOf(detail)));
		if (line == null) {
			return failure.getClass().getSimpleName();
		}
		return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL);
	}

	static Optional<Integer> replyCode(Throwable failure) {
		return causes(failure).map(SmtpFailures::codeOf).filter(code -> code > 0).findFirst();
	}

	private static boolean hasReplyCode(Throwable failure) {
		return codeOf(failure) > 0;
	}

	private static int codeOf(Throwable failure) {
		return switch (failure) {
			case SMTPAddressFailedException address -> address.getReturnCode();
			case SMTPSenderFailedException sender -> sender.getReturnCode();
			case SMTPSendFailedException send -> send.getReturnCode();
			default -> -1;
		};
	}

	/**
	 * The failure and everything it wraps, breadth first: Java causes, JavaMail's chained
	 * "next" exceptions and Spring's per-message exceptions.
	 */
	private static Stream<Throwable> causes(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<Throwable> todo = new ArrayDeque<>();
		Stream.Builder<Throwable> all = Stream.builder();
		todo.add(failure);
		while (!todo.isEmpty()) {
			Throwable next = todo.poll();
			if (next == null || !seen.add(next)) {
				continue;
			}
			all.add(next);
			if (next instanceof MailSendException send) {
				todo.addAll(Arrays.asList(send.getMessageExceptions()));
			}
			if (next instanceof MessagingException messaging && messaging.getNextException() != null) {
				todo.add(messaging.getNextException());
			}
			if (next.getCause() != null) {
				todo.add(next.getCause());
			}
		}
		return all.build();
	}

}
