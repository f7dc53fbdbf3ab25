package dev.ordersaga.email.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.retry.Retry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.email.sending.ComposedMail;
import dev.ordersaga.email.sending.Email;
import dev.ordersaga.email.sending.Mailer;

import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends over reused SMTP connections ({@link SmtpConnections}). A permanent refusal is a
 * value ({@link Delivery.Rejected}) and never retried; a transient failure is an
 * exception, which the Resilience4j retry {@code smtp} repeats a few times with
 * exponential backoff (short hiccups), before the dispatcher's longer, durable retry
 * takes over.
 */
public class SmtpMailer implements Mailer {

	private static final Logger log = LoggerFactory.getLogger(SmtpMailer.class);

	private static final String MESSAGE_ID = "Message-ID";

	/** Name of the observation around each send (metric {@code saga.email.smtp.send}). */
	static final String SEND_OBSERVATION = "saga.email.smtp.send";

	private final SmtpConnections connections;

	private final Retry retry;

	private final InternetAddress from;

	private final ObservationRegistry observations;

	SmtpMailer(SmtpConnections connections, Retry retry, String from, ObservationRegistry observations) {
		this.connections = connections;
		this.retry = retry;
		this.observations = observations;
		this.from = parseFrom(from);
		retry.getEventPublisher()
			.onRetry(event -> log.info("SMTP attempt {} failed, retrying in {}: {}", event.getNumberOfRetryAttempts(),
					event.getWaitInterval(), SmtpFailures.describe(event.getLastThrowable())));
	}

	/**
	 * Sends in an observation {@value #SEND_OBSERVATION}: a span of the saga's trace (the
	 * SMTP send) and a timer of every send, tagged with the e-mail's kind and outcome.
	 */
	@Override
	public Delivery send(Email email) {
		Observation observation = Observation.createNotStarted(SEND_OBSERVATION, observations)
			.contextualName("smtp send")
			.lowCardinalityKeyValue("kind", email.kind().name());
		return observation.observe(() -> {
			Delivery delivery = deliver(email);
			observation.lowCardinalityKeyValue("outcome", delivery.getClass().getSimpleName().toLowerCase(Locale.ROOT));
			return delivery;
		});
	}

	private Delivery deliver(Email email) {
		AtomicInteger attempts = new AtomicInteger();
		try {
			return retry.executeSupplier(() -> attempt(email, attempts.incrementAndGet()));
		}
		catch (MailException ex) {
			return new Delivery.Unavailable(attempts.get(), SmtpFailures.describe(ex));
		}
	}

	/**
	 * @throws MailException when the failure is worth retrying
	 */
	private Delivery attempt(Email email, int attempt) {
		try {
			connections.send(mime(email));
			return new Delivery.Accepted(attempt);
		}
		catch (MessagingException ex) {
			MailSendException failure = new MailSendException("SMTP send failed", ex);
			if (SmtpFailures.isPermanent(failure)) {
				return new Delivery.Rejected(attempt, SmtpFailures.describe(failure));
			}
			throw failure;
		}
		catch (MailException ex) {
			if (SmtpFailures.isPermanent(ex)) {
				return new Delivery.Rejected(attempt, SmtpFailures.describe(ex));
			}
			throw ex;
		}
	}

	/**
	 * The message with its fixed Message-ID (kept when sent, see {@link SmtpConnections})
	 * and, as Date, the moment it was queued, so that a resend is the same message.
	 */
	private MimeMessage mime(Email email) {
		ComposedMail mail = email.mail();
		try {
			MimeMessage message = connections.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
			helper.setFrom(from);
			helper.setTo(new InternetAddress(mail.to(), mail.toName(), StandardCharsets.UTF_8.name()));
			helper.setSubject(mail.subject());
			helper.setSentDate(Date.from(email.queuedAt()));
			helper.setText(mail.text(), mail.html());
			message.setHeader(MESSAGE_ID, email.messageId());
			return message;
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new MailPreparationException(
					"Cannot build the " + email.kind() + " e-mail of order " + email.orderId(), ex);
		}
	}

	private static InternetAddress parseFrom(String from) {
		try {
			InternetAddress address = new InternetAddress(from, true);
			address.validate();
			return address;
		}
		catch (AddressException ex) {
			throw new IllegalArgumentException("saga.email.from is not a valid address: " + from, ex);
		}
	}

}
