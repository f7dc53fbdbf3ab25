package dev.ordersaga.email.mail;

import java.time.Duration;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Connected Jakarta Mail {@link Transport}s, reused across sends: Spring's
 * {@link JavaMailSenderImpl#send} connects, greets and quits for every call, which costs
 * more than the message itself. Session, host, port and credentials are Spring Boot's
 * {@code spring.mail.*}, taken from its sender. A connection is used by one thread at a
 * time, so there are at most as many as concurrent senders; one that failed is closed,
 * never reused, and one idle for longer than {@code maxIdle} is closed before the server
 * drops it.
 */
class SmtpConnections implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SmtpConnections.class);

	private static final String MESSAGE_ID = "Message-ID";

	private final JavaMailSenderImpl sender;

	private final long maxIdleNanos;

	private final BlockingDeque<Connection> idle = new LinkedBlockingDeque<>();

	private volatile boolean closed;

	SmtpConnections(JavaMailSenderImpl sender, Duration maxIdle) {
		this.sender = sender;
		this.maxIdleNanos = maxIdle.toNanos();
	}

	MimeMessage createMimeMessage() {
		return sender.createMimeMessage();
	}

	/**
	 * Sends over an idle connection, or a new one. Should the server have closed a reused
	 * connection meanwhile, the message goes once more over a fresh one: that failure
	 * says nothing about the server's health.
	 * @throws MessagingException as Jakarta Mail reports it: connecting, or the server's
	 * answer
	 */
	void send(MimeMessage message) throws MessagingException {
		// as JavaMailSenderImpl does: saveChanges() would replace our fixed Message-ID
		String messageId = message.getMessageID();
		message.saveChanges();
		if (messageId != null) {
			message.setHeader(MESSAGE_ID, messageId);
		}
		Connection connection = borrow();
		try {
			connection.transport().sendMessage(message, message.getAllRecipients());
		}
		catch (MessagingException ex) {
			close(connection);
			if (!connection.reused() || SmtpFailures.replyCode(ex).isPresent()) {
				throw ex;
			}
			log.debug("Reused SMTP connection failed ({}), sending over a new one", SmtpFailures.describe(ex));
			connection = connect();
			try {
				connection.transport().sendMessage(message, message.getAllRecipients());
			}
			catch (MessagingException again) {
				close(connection);
				throw again;
			}
		}
		giveBack(connection);
	}

	private Connection borrow() throws MessagingException {
		Connection connection;
		while ((connection = idle.pollFirst()) != null) {
			if (System.nanoTime() - connection.idleSince() < maxIdleNanos) {
				return connection;
			}
			close(connection);
		}
		return connect();
	}

	private Connection connect() throws MessagingException {
		String protocol = sender.getProtocol() == null ? JavaMailSenderImpl.DEFAULT_PROTOCOL : sender.getProtocol();
		Transport transport = sender.getSession().getTransport(protocol);
		String username = sender.getUsername();
		String password = sender.getPassword();
		if ("".equals(username)) {
			username = null;
			password = "".equals(password) ? null : password;
		}
		transport.connect(sender.getHost(), sender.getPort(), username, password);
		return new Connection(transport, false, System.nanoTime());
	}

	private void giveBack(Connection used) {
		Connection connection = new Connection(used.transport(), true, System.nanoTime());
		idle.offerFirst(connection);
		if (closed && idle.remove(connection)) {
			close(connection);
		}
	}

	private static void close(Connection connection) {
		try {
			connection.transport().close();
		}
		catch (MessagingException ex) {
			log.debug("Closing an SMTP connection failed: {}", ex.toString());
		}
	}

	@Override
	public void destroy() {
		closed = true;
		Connection connection;
		while ((connection = idle.pollFirst()) != null) {
			close(connection);
		}
	}

	/**
	 * @param reused whether it sent a message before, so the server may have dropped it
	 * meanwhile
	 */
	private record Connection(Transport transport, boolean reused, long idleSince) {
	}

}
