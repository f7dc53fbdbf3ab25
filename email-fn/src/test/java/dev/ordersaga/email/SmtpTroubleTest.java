package dev.ordersaga.email;

import java.util.List;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.ordersaga.email.sending.Email;
import dev.ordersaga.email.sending.EmailKind;
import dev.ordersaga.email.sending.EmailStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An SMTP server that is away, refuses a recipient, or is fed header injection attempts;
 * nothing blocks.
 */
class SmtpTroubleTest extends EmailFnTestBase {

	@AfterEach
	void serverBack() {
		TestSmtp.start();
	}

	@Test
	void deliversOnceWhenTheServerComesBackWithinTheRetryBudget() {
		String customer = newId();
		String order = newId();
		String address = newAddress();
		TestSmtp.stop();

		profile(customer, "Jane Doe", address, "en");
		paymentProcessed(order, customer);
		await().until(() -> email(order, EmailKind.PAYMENT_COMPLETED).map(Email::retries).orElse(0) >= 1);
		TestSmtp.start();

		Email sent = awaitStatus(order, EmailKind.PAYMENT_COMPLETED, EmailStatus.SENT);
		assertThat(awaitMails(address, 1)).hasSize(1);
		assertThat(sent.attempts()).as("failed attempts before the successful one").isGreaterThan(1);
		assertThat(sent.lastError()).contains("Connect");
	}

	@Test
	void publishesEmailFailedWhenTheServerStaysAwayBeyondTheRetryBudget() {
		String customer = newId();
		String order = newId();
		String address = newAddress();
		TestSmtp.stop();

		profile(customer, "Jane Doe", address, "en");
		paymentProcessed(order, customer);

		ConsumerRecord<String, byte[]> failed = awaitRecord("email-events",
				r -> order.equals(r.key()) && "email.failed.v1".equals(header(r, "ce_type")));
		assertThat(body(failed)).contains("\"reason\":\"SMTP_UNAVAILABLE\"").contains("Connect");
		assertThat(email(order, EmailKind.PAYMENT_COMPLETED).orElseThrow().attempts()).isGreaterThan(1);

		TestSmtp.start();
		paymentProcessed(order, customer);
		await().until(() -> emailEvents(order, "email.failed.v1").size() == 2);
		assertThat(TestSmtp.receivedBy(address)).as("a failed e-mail is never sent later").isEmpty();
	}

	@Test
	void failsAtOnceWithTheServersAnswerWhenTheRecipientIsRejected() {
		String customer = newId();
		String order = newId();
		String address = "nobody-" + newId() + "@" + TestSmtp.REJECTED_DOMAIN;

		profile(customer, "No Body", address, "en");
		paymentProcessed(order, customer);

		ConsumerRecord<String, byte[]> failed = awaitRecord("email-events",
				r -> order.equals(r.key()) && "email.failed.v1".equals(header(r, "ce_type")));
		assertThat(body(failed)).contains("\"reason\":\"REJECTED\"")
			.contains("550 5.1.1 <***@rejected.invalid>")
			.contains("\"attempts\":1")
			.doesNotContain("nobody-");
	}

	@Test
	void flattensLineBreaksInTheNameAndRefusesAddressesWithLineBreaks() throws Exception {
		String spy = newAddress();
		String namedCustomer = newId();
		String namedOrder = newId();
		String namedAddress = newAddress();
		String sneakyCustomer = newId();
		String sneakyOrder = newId();

		profile(namedCustomer, "Mallory\r\nBcc: " + spy + "\r\nX-Injected: yes", namedAddress, "en");
		paymentProcessed(namedOrder, namedCustomer);
		profile(sneakyCustomer, "Eve", newAddress() + "\r\nBcc: " + spy, "en");
		paymentProcessed(sneakyOrder, sneakyCustomer);

		List<MimeMessage> mails = awaitMails(namedAddress, 1);
		ConsumerRecord<String, byte[]> refused = awaitRecord("email-events",
				r -> sneakyOrder.equals(r.key()) && "email.failed.v1".equals(header(r, "ce_type")));
		MimeMessage mail = mails.getFirst();
		assertThat(mail.getHeader("X-Injected")).isNull();
		assertThat(mail.getHeader("Bcc")).isNull();
		InternetAddress to = (InternetAddress) mail.getRecipients(MimeMessage.RecipientType.TO)[0];
		assertThat(mail.getRecipients(MimeMessage.RecipientType.TO)).hasSize(1);
		assertThat(to.getAddress()).isEqualTo(namedAddress);
		assertThat(to.getPersonal()).isEqualTo("Mallory Bcc: " + spy + " X-Injected: yes");
		assertThat(body(refused)).contains("\"reason\":\"INVALID_RECIPIENT\"").contains("\"attempts\":0");
		assertThat(TestSmtp.receivedBy(spy)).isEmpty();
	}

}
