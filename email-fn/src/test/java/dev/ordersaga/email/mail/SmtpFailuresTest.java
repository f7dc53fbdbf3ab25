package dev.ordersaga.email.mail;

import java.net.ConnectException;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;

import org.springframework.mail.MailSendException;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpFailuresTest {

	static MailSendException rcptFailed(int code, String answer) throws AddressException {
		SMTPAddressFailedException refused = new SMTPAddressFailedException(new InternetAddress("bob@example.com"),
				"RCPT TO:<bob@example.com>", code, answer);
		SendFailedException invalid = new SendFailedException("Invalid Addresses", refused);
		return new MailSendException(Map.of(new Object(), invalid));
	}

	@Test
	void treatsA5xxRecipientRefusalAsPermanentAndQuotesTheServerWithoutTheMailbox() throws Exception {
		MailSendException failure = rcptFailed(550, "550 5.1.1 <bob@example.com>: Recipient address rejected\n");

		assertThat(SmtpFailures.isPermanent(failure)).isTrue();
		assertThat(SmtpFailures.describe(failure)).isEqualTo("550 5.1.1 <***@example.com>: Recipient address rejected");
	}

	@Test
	void treatsA4xxAnswerAsTransient() throws Exception {
		assertThat(SmtpFailures.isPermanent(rcptFailed(452, "452 4.2.2 mailbox full"))).isFalse();
	}

	@Test
	void treatsAnUnreachableServerAsTransientAndNamesTheRootCause() {
		MessagingException connect = new MessagingException("Couldn't connect to host",
				new ConnectException("Connection refused"));
		MailSendException failure = new MailSendException("Mail server connection failed", connect);

		assertThat(SmtpFailures.isPermanent(failure)).isFalse();
		assertThat(SmtpFailures.describe(failure)).isEqualTo("ConnectException: Connection refused");
	}

}
