package dev.ordersaga.devstack.saga;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import dev.ordersaga.devstack.SagaStack;

/** What the SMTP server received, per recipient. */
final class Mailbox {

	private final SagaStack stack;

	Mailbox(SagaStack stack) {
		this.stack = stack;
	}

	/** The Message-IDs of every mail delivered to {@code address}, in arrival order. */
	List<String> messageIds(String address) {
		return Arrays.stream(stack.mail().getReceivedMessages())
			.filter(message -> to(message).contains(address))
			.map(Mailbox::messageId)
			.toList();
	}

	private static List<String> to(MimeMessage message) {
		try {
			Address[] recipients = message.getAllRecipients();
			return recipients == null ? List.of()
					: Arrays.stream(recipients)
						.map(address -> address instanceof InternetAddress internet ? internet.getAddress()
								: address.toString())
						.toList();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
