package dev.ordersaga.email;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.ordersaga.email.contact.Contacts;
import dev.ordersaga.email.contact.CustomerProfile;
import dev.ordersaga.email.sending.Addressing;
import dev.ordersaga.email.sending.DispatchLoop;
import dev.ordersaga.email.sending.Email;
import dev.ordersaga.email.sending.EmailKind;
import dev.ordersaga.email.sending.EmailStatus;
import dev.ordersaga.email.sending.MailFacts;
import dev.ordersaga.support.money.Money;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mails no dispatcher of this instance was told about, as a crashed instance leaves
 * them: the sweep finds them and sends each once.
 */
class OrphanSweepTest extends EmailFnTestBase {

	@Autowired
	private Contacts contacts;

	@Autowired
	private Addressing addressing;

	@Autowired
	private DispatchLoop dispatchLoop;

	@Test
	void sendsQueuedEmailsAndThoseWhoseSenderDiedWithoutBeingToldAboutThem() {
		String customer = newId();
		String address = newAddress();
		Instant now = Instant.now();
		contacts.record(new CustomerProfile(CustomerId.of(customer), "Jane Doe", address, "en"), now);
		String queuedOrder = newId();
		String abandonedOrder = newId();
		Email queued = addressed(queuedOrder, customer, now);
		Email abandoned = addressed(abandonedOrder, customer, now).claim(now.minusSeconds(1));
		emails.insert(queued);
		emails.insert(abandoned);
		assertThat(TestSmtp.receivedBy(address)).isEmpty();

		assertThat(dispatchLoop.sweep()).isGreaterThanOrEqualTo(2);

		assertThat(awaitMails(address, 2)).hasSize(2);
		assertThat(awaitStatus(queuedOrder, EmailKind.PAYMENT_COMPLETED, EmailStatus.SENT).attempts()).isEqualTo(1);
		assertThat(awaitStatus(abandonedOrder, EmailKind.PAYMENT_COMPLETED, EmailStatus.SENT).attempts()).isEqualTo(1);
	}

	@Test
	void setsATimerForAnEmailDueBeforeTheNextSweepSoThatARestartDoesNotMakeItLate() {
		String order = newId();
		Instant now = Instant.now();
		// waiting for a contact that never comes, on a timer that a restart lost
		Email waiting = Email.request(OrderId.of(order), EmailKind.PAYMENT_COMPLETED, CustomerId.of(newId()),
				new MailFacts(Money.of(30000, "KRW"), "pay-1", null, now), "order-saga", now, Duration.ofSeconds(2));
		emails.insert(waiting);

		assertThat(dispatchLoop.sweep()).as("found one interval ahead, not only when overdue")
			.isGreaterThanOrEqualTo(1);

		// the next sweep is ten minutes away in tests: only the timer ends the wait
		Email failed = awaitStatus(order, EmailKind.PAYMENT_COMPLETED, EmailStatus.FAILED);
		assertThat(failed.failedAt()).isAfterOrEqualTo(waiting.waitUntil());
	}

	private Email addressed(String order, String customer, Instant now) {
		Email requested = Email.request(OrderId.of(order), EmailKind.PAYMENT_COMPLETED, CustomerId.of(customer),
				new MailFacts(Money.of(30000, "KRW"), "pay-1", null, now), "order-saga", now, Duration.ofMinutes(1));
		Email queued = addressing.address(requested, now);
		assertThat(queued.status()).isEqualTo(EmailStatus.QUEUED);
		return queued;
	}

}
