package dev.ordersaga.email.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ordersaga.email.CustomerId;
import dev.ordersaga.email.OrderId;
import dev.ordersaga.email.sending.EmailEvent.EmailFailed;
import dev.ordersaga.email.sending.EmailEvent.EmailSent;
import dev.ordersaga.support.money.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmailTest {

	static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	static final EmailProperties.Retry RETRY = new EmailProperties.Retry(Duration.ofSeconds(60), Duration.ofSeconds(5),
			Duration.ofSeconds(20), 2.0);

	final OrderId order = new OrderId(UUID.fromString("5f0c1a2b-0000-4000-8000-000000000001"));

	final CustomerId customer = new CustomerId(UUID.randomUUID());

	final ComposedMail composed = new ComposedMail("kim@example.com", "Kim", "ko", "subject", "text", "<p>html</p>");

	Email requested() {
		return Email.request(order, EmailKind.PAYMENT_COMPLETED, null,
				new MailFacts(Money.of(30_000, "KRW"), "pay-1", null, T0), "order-saga", T0, Duration.ofMinutes(10));
	}

	Email sending() {
		return requested().forCustomer(customer).queue(composed, T0).claim(T0.plusSeconds(120));
	}

	@Test
	void namesTheEntryAndItsMessageIdAfterTheOrderAndKindOnly() {
		Email first = requested();
		Email again = Email.request(order, EmailKind.PAYMENT_COMPLETED, customer, first.facts(), "order-saga",
				T0.plusSeconds(99), Duration.ofMinutes(1));

		assertThat(first.id()).isEqualTo(again.id()).isEqualTo(order + ":PAYMENT_COMPLETED");
		assertThat(first.messageId()).isEqualTo(again.messageId())
			.isEqualTo("<" + order + ".payment-completed@order-saga>");
		assertThat(Email.idOf(order, EmailKind.ORDER_COMPLETED)).isNotEqualTo(first.id());
	}

	@Test
	void waitsForItsContactUntilTheWaitEnds() {
		Email waiting = requested();

		assertThat(waiting.status()).isEqualTo(EmailStatus.WAITING_FOR_CONTACT);
		assertThat(waiting.waitedTooLong(T0.plus(Duration.ofMinutes(10)).minusMillis(1))).isFalse();
		assertThat(waiting.waitedTooLong(T0.plus(Duration.ofMinutes(10)))).isTrue();
		assertThat(waiting.outcome()).isEmpty();
	}

	@Test
	void isDueAtOnceWhenQueuedAndAnnouncesItsSendingOnce() {
		Email queued = requested().forCustomer(customer).queue(composed, T0.plusSeconds(1));
		Email sent = queued.claim(T0.plusSeconds(60)).sent(1, T0.plusSeconds(2));

		assertThat(queued.status()).isEqualTo(EmailStatus.QUEUED);
		assertThat(queued.nextAttemptAt()).isEqualTo(T0.plusSeconds(1));
		assertThat(sent.outcome())
			.contains(new EmailSent(order, EmailKind.PAYMENT_COMPLETED, queued.messageId(), T0.plusSeconds(2)));
		assertThat(sent.outcome()).isEqualTo(sent.outcome());
		assertThat(sent.leaseUntil()).isNull();
	}

	@Test
	void backsOffExponentiallyUpToTheMaximumWhileTheServerIsUnavailable() {
		Email first = sending().unavailable(2, "Connection refused", T0.plusSeconds(1), RETRY);
		Email second = first.claim(T0.plusSeconds(120)).unavailable(2, "Connection refused", T0.plusSeconds(6), RETRY);
		Email third = second.claim(T0.plusSeconds(120)).unavailable(2, "Connection refused", T0.plusSeconds(16), RETRY);
		Email fourth = third.claim(T0.plusSeconds(120)).unavailable(2, "Connection refused", T0.plusSeconds(36), RETRY);

		assertThat(first.status()).isEqualTo(EmailStatus.QUEUED);
		assertThat(first.nextAttemptAt()).isEqualTo(T0.plusSeconds(6));
		assertThat(second.nextAttemptAt()).isEqualTo(T0.plusSeconds(16));
		assertThat(third.nextAttemptAt()).isEqualTo(T0.plusSeconds(36));
		assertThat(fourth.nextAttemptAt()).as("capped at 20 s").isEqualTo(T0.plusSeconds(56));
		assertThat(fourth.attempts()).isEqualTo(8);
		assertThat(fourth.lastError()).isEqualTo("Connection refused");
		assertThat(fourth.outcome()).isEmpty();
	}

	@Test
	void makesTheLastAttemptWhenTheBudgetEndsThenFails() {
		Email late = sending().unavailable(1, "timeout", T0.plusSeconds(58), RETRY);
		Email failed = late.claim(T0.plusSeconds(200)).unavailable(1, "451 try later", T0.plusSeconds(60), RETRY);

		assertThat(late.nextAttemptAt()).as("not past the budget").isEqualTo(T0.plusSeconds(60));
		assertThat(failed.status()).isEqualTo(EmailStatus.FAILED);
		assertThat(failed.outcome()).contains(new EmailFailed(order, EmailKind.PAYMENT_COMPLETED,
				FailureReason.SMTP_UNAVAILABLE, "451 try later", 2, T0.plusSeconds(60)));
	}

	@Test
	void failsAtOnceWhenTheServerRejectsTheMessage() {
		Email rejected = sending().rejected(1, "550 5.1.1 mailbox unavailable", T0.plusSeconds(1));

		assertThat(rejected.outcome()).contains(new EmailFailed(order, EmailKind.PAYMENT_COMPLETED,
				FailureReason.REJECTED, "550 5.1.1 mailbox unavailable", 1, T0.plusSeconds(1)));
	}

	@Test
	void failsWithoutAnAttemptWhenItCannotBeAddressed() {
		Email failed = requested().undeliverable(FailureReason.NO_CONTACT, "no profile", T0.plusSeconds(600));

		assertThat(failed.outcome()).contains(new EmailFailed(order, EmailKind.PAYMENT_COMPLETED,
				FailureReason.NO_CONTACT, "no profile", 0, T0.plusSeconds(600)));
	}

	@Test
	void finalEntriesTakeNoFurtherSteps() {
		Email sent = sending().sent(1, T0);

		assertThatIllegalStateException().isThrownBy(() -> sent.claim(T0.plusSeconds(1)));
		assertThatIllegalStateException().isThrownBy(() -> sent.queue(composed, T0));
		assertThatIllegalStateException().isThrownBy(() -> sent.unavailable(1, "x", T0, RETRY));
	}

}
