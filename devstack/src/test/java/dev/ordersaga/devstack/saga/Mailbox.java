package dev.ordersaga.devstack.saga;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import dev.ordersaga.devstack.SagaStack;

/**
 * What the SMTP server received, per recipient, and what email-fn still has to send.
 */
final class Mailbox {

	private final SagaStack stack;

	Mailbox(SagaStack stack) {
		this.stack = stack;
	}

	/**
	 * The e-mails email-fn accepted but has neither sent nor given up yet: waiting for
	 * the customer's contact, queued (maybe for a retry) or being sent. Read from
	 * email-fn's database: a test whose e-mails must be the only ones held up waits for
	 * this to reach zero first.
	 */
	long pending() {
		try (MongoClient client = MongoClients.create(stack.mongoUri("email-fn"))) {
			return client.getDatabase("email-fn")
				.getCollection("emails")
				.countDocuments(Filters.in("status", "WAITING_FOR_CONTACT", "QUEUED", "SENDING"));
		}
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
