package dev.ordersaga.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ordersaga.payment.OrderEvent.OrderApproved;
import dev.ordersaga.payment.OrderEvent.OrderCancelled;
import dev.ordersaga.payment.PaymentEvent.PaymentFailed;
import dev.ordersaga.payment.PaymentEvent.PaymentProcessed;
import dev.ordersaga.payment.PaymentProvider.ChargeOutcome;
import dev.ordersaga.support.money.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PaymentTest {

	static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	static final OrderId ORDER = new OrderId(UUID.randomUUID());

	static final CustomerId CUSTOMER = new CustomerId(UUID.randomUUID());

	static OrderApproved approved(Instant payBy) {
		return new OrderApproved(ORDER, CUSTOMER, Money.of(30_000, "KRW"), "tok_visa", payBy);
	}

	static Payment intent() {
		return Payment.intend(approved(T0.plus(Duration.ofMinutes(15))), T0).withVersion(0L);
	}

	@Test
	void intentToChargeUsesTheOrderIdAsIdempotencyKeyAndPayByAsDeadline() {
		Payment intent = intent();

		assertThat(intent.status()).isEqualTo(PaymentStatus.CHARGING);
		assertThat(intent.paymentId()).isEqualTo(PaymentId.forOrder(ORDER));
		assertThat(intent.chargeRequest().idempotencyKey()).isEqualTo(ORDER.toString());
		assertThat(intent.chargeRequest().notAfter()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
		assertThat(intent.chargeRequest().amount()).isEqualTo(Money.of(30_000, "KRW"));
		assertThat(intent.outcome()).isEmpty();
	}

	@Test
	void mayChargeOnlyAnOpenIntentBeforePayBy() {
		Payment intent = intent();

		assertThat(intent.mayCharge(T0.plusSeconds(1))).isTrue();
		assertThat(intent.mayCharge(T0.plus(Duration.ofMinutes(15)))).isFalse();
		assertThat(intent.settle(new ChargeOutcome.Charged("ch_1"), T0).mayCharge(T0)).isFalse();
	}

	@Test
	void chargedPaymentAnnouncesTheSameProcessedEventWheneverAsked() {
		Payment charged = intent().settle(new ChargeOutcome.Charged("ch_1"), T0.plusSeconds(2));

		assertThat(charged.status()).isEqualTo(PaymentStatus.CHARGED);
		assertThat(charged.outcome()).containsInstanceOf(PaymentProcessed.class);
		PaymentProcessed processed = (PaymentProcessed) charged.outcome().orElseThrow();
		assertThat(processed.providerReference()).isEqualTo("ch_1");
		assertThat(processed.processedAt()).isEqualTo(T0.plusSeconds(2));
		assertThat(processed.customerId()).isEqualTo(CUSTOMER);
		assertThat(charged.outcome()).isEqualTo(charged.outcome());
	}

	@Test
	void declineAndProviderFailureEndInFailedWithReasonAndDetail() {
		Payment declined = intent().settle(new ChargeOutcome.Declined("card_declined", "Your card was declined."), T0);
		Payment failed = intent().settle(new ChargeOutcome.Failed("malformed provider response"), T0);

		assertThat(declined.failed()).extracting(PaymentFailed::reason, PaymentFailed::detail)
			.containsExactly(FailureReason.DECLINED, "card_declined: Your card was declined.");
		assertThat(failed.failed()).extracting(PaymentFailed::reason, PaymentFailed::detail)
			.containsExactly(FailureReason.ERROR, "malformed provider response");
		assertThat(declined.status().isFinal()).isTrue();
	}

	@Test
	void approvalAfterPayByIsAnExpiredFailureFromTheStart() {
		Payment expired = Payment.expired(approved(T0.minusSeconds(1)), T0);

		assertThat(expired.status()).isEqualTo(PaymentStatus.FAILED);
		assertThat(expired.failed().reason()).isEqualTo(FailureReason.EXPIRED);
		assertThat(expired.failed().failedAt()).isEqualTo(T0);
	}

	@Test
	void refundKeepsTheChargeAndAnnouncesTheRefundWithTheRefundKey() {
		Payment charged = intent().settle(new ChargeOutcome.Charged("ch_1"), T0.plusSeconds(2));

		Payment refunded = charged.refund("re_1", T0.plusSeconds(9));

		assertThat(charged.refundRequest().idempotencyKey()).isEqualTo("refund-" + ORDER);
		assertThat(charged.refundRequest().chargeReference()).isEqualTo("ch_1");
		assertThat(refunded.providerReference()).isEqualTo("ch_1");
		assertThat(refunded.refunded().refundReference()).isEqualTo("re_1");
		assertThat(refunded.refunded().refundedAt()).isEqualTo(T0.plusSeconds(9));
		assertThat(refunded.outcome()).contains(charged.processed());
		assertThat(refunded.history()).extracting(StatusChange::status)
			.containsExactly(PaymentStatus.CHARGING, PaymentStatus.CHARGED, PaymentStatus.REFUNDED);
	}

	@Test
	void voidedPaymentAnnouncesNothing() {
		Payment voided = Payment.voided(new OrderCancelled(ORDER, CUSTOMER, "CUSTOMER_REQUEST"), T0);

		assertThat(voided.status()).isEqualTo(PaymentStatus.VOIDED);
		assertThat(voided.outcome()).isEmpty();
		assertThat(intent().voidIntent(T0).outcome()).isEmpty();
	}

	@Test
	void refusesStepsThatDoNotFollowFromTheCurrentStatus() {
		Payment charged = intent().settle(new ChargeOutcome.Charged("ch_1"), T0);

		assertThatIllegalStateException().isThrownBy(() -> charged.settle(new ChargeOutcome.Charged("ch_2"), T0));
		assertThatIllegalStateException().isThrownBy(() -> intent().refund("re_1", T0));
		assertThatIllegalStateException().isThrownBy(() -> charged.voidIntent(T0));
		assertThatIllegalStateException().isThrownBy(() -> charged.expire(T0));
	}

}
