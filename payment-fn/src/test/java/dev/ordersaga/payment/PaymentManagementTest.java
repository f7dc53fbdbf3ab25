package dev.ordersaga.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.ordersaga.payment.OrderEvent.OrderApproved;
import dev.ordersaga.payment.OrderEvent.OrderCancelled;
import dev.ordersaga.payment.PaymentEvent.PaymentFailed;
import dev.ordersaga.payment.PaymentEvent.PaymentProcessed;
import dev.ordersaga.payment.PaymentEvent.PaymentRefunded;
import dev.ordersaga.payment.PaymentProvider.ChargeOutcome;
import dev.ordersaga.support.money.Money;

import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The payment decisions, with an in-memory store and a scripted provider. */
class PaymentManagementTest {

	static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	final OrderId order = new OrderId(UUID.randomUUID());

	final CustomerId customer = new CustomerId(UUID.randomUUID());

	final InMemoryPayments payments = new InMemoryPayments();

	final ScriptedProvider provider = new ScriptedProvider();

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final PaymentManagement management = new PaymentManagement(payments, provider, Clock.fixed(T0, ZoneOffset.UTC),
			meters);

	OrderApproved approved(Instant payBy) {
		return new OrderApproved(order, customer, Money.of(30_000, "KRW"), "tok_visa", payBy);
	}

	OrderApproved approved() {
		return approved(T0.plus(Duration.ofMinutes(15)));
	}

	OrderCancelled cancelled() {
		return new OrderCancelled(order, customer, "TIMEOUT");
	}

	double outcomes(String outcome) {
		return meters.counter("saga.payment.outcomes", "outcome", outcome).count();
	}

	@Test
	void chargesAnApprovedOrderWithItsIdAsIdempotencyKey() {
		provider.chargeOutcome = new ChargeOutcome.Charged("ch_1");

		Optional<PaymentEvent> outcome = management.on(approved());

		assertThat(outcome).containsInstanceOf(PaymentProcessed.class);
		assertThat(provider.charges).singleElement()
			.satisfies(request -> assertThat(request.idempotencyKey()).isEqualTo(order.toString()));
		assertThat(payments.get(order).status()).isEqualTo(PaymentStatus.CHARGED);
		assertThat(outcomes("charged")).isEqualTo(1);
	}

	@Test
	void redeliveredApprovalReannouncesTheOutcomeWithoutCallingTheProvider() {
		provider.chargeOutcome = new ChargeOutcome.Charged("ch_1");
		Optional<PaymentEvent> first = management.on(approved());

		Optional<PaymentEvent> again = management.on(approved());

		assertThat(again).isEqualTo(first);
		assertThat(provider.charges).hasSize(1);
		assertThat(outcomes("charged")).isEqualTo(1);
	}

	@Test
	void approvalAfterPayByFailsAsExpiredWithoutAskingTheProvider() {
		Optional<PaymentEvent> outcome = management.on(approved(T0));

		assertThat(outcome).get()
			.isInstanceOfSatisfying(PaymentFailed.class,
					failed -> assertThat(failed.reason()).isEqualTo(FailureReason.EXPIRED));
		assertThat(provider.calls()).isZero();
		assertThat(outcomes("expired")).isEqualTo(1);
	}

	@Test
	void declineIsAnnouncedAsPaymentFailedDeclined() {
		provider.chargeOutcome = new ChargeOutcome.Declined("card_declined", "Your card was declined.");

		assertThat(management.on(approved())).get()
			.isInstanceOfSatisfying(PaymentFailed.class,
					failed -> assertThat(failed.reason()).isEqualTo(FailureReason.DECLINED));
	}

	@Test
	void unavailableProviderLeavesTheIntentOpenForTheNextDelivery() {
		provider.unavailable = true;

		assertThatExceptionOfType(ProviderUnavailableException.class).isThrownBy(() -> management.on(approved()));
		assertThat(payments.get(order).status()).isEqualTo(PaymentStatus.CHARGING);

		provider.unavailable = false;
		provider.chargeOutcome = new ChargeOutcome.Charged("ch_1");
		assertThat(management.on(approved())).containsInstanceOf(PaymentProcessed.class);
		assertThat(provider.charges).hasSize(2)
			.extracting(PaymentProvider.ChargeRequest::idempotencyKey)
			.containsOnly(order.toString());
	}

	@Test
	void openIntentPastPayByIsSettledByLookingUpNeverByCharging() {
		payments.insert(Payment.intend(approved(T0.minusSeconds(1)), T0.minusSeconds(30)));

		Optional<PaymentEvent> outcome = management.on(approved(T0.minusSeconds(1)));

		assertThat(outcome).get()
			.isInstanceOfSatisfying(PaymentFailed.class,
					failed -> assertThat(failed.reason()).isEqualTo(FailureReason.EXPIRED));
		assertThat(provider.charges).isEmpty();
		assertThat(provider.lookups).containsExactly(order);
	}

	@Test
	void openIntentPastPayByAdoptsAChargeTheProviderAlreadyMade() {
		payments.insert(Payment.intend(approved(T0.minusSeconds(1)), T0.minusSeconds(30)));
		provider.existingCharge = new ChargeOutcome.Charged("ch_earlier");

		Optional<PaymentEvent> outcome = management.on(approved(T0.minusSeconds(1)));

		assertThat(outcome).get()
			.isInstanceOfSatisfying(PaymentProcessed.class,
					processed -> assertThat(processed.providerReference()).isEqualTo("ch_earlier"));
		assertThat(provider.charges).isEmpty();
	}

	@Test
	void cancellationBeforeApprovalVoidsThePaymentSoThatItIsNeverCharged() {
		assertThat(management.on(cancelled())).isEmpty();

		assertThat(management.on(approved())).isEmpty();
		assertThat(payments.get(order).status()).isEqualTo(PaymentStatus.VOIDED);
		assertThat(provider.calls()).isZero();
	}

	@Test
	void cancellationOfAChargedOrderRefundsOnceWithTheRefundKey() {
		provider.chargeOutcome = new ChargeOutcome.Charged("ch_1");
		management.on(approved());

		Optional<PaymentEvent> refunded = management.on(cancelled());
		Optional<PaymentEvent> again = management.on(cancelled());

		assertThat(refunded).get()
			.isInstanceOfSatisfying(PaymentRefunded.class,
					refund -> assertThat(refund.refundReference()).isEqualTo("re_1"));
		assertThat(again).isEqualTo(refunded);
		assertThat(provider.refunds).singleElement().satisfies(request -> {
			assertThat(request.idempotencyKey()).isEqualTo("refund-" + order);
			assertThat(request.chargeReference()).isEqualTo("ch_1");
		});
		assertThat(outcomes("refunded")).isEqualTo(1);
	}

	@Test
	void cancellationOfAFailedPaymentRefundsNothing() {
		provider.chargeOutcome = new ChargeOutcome.Declined("card_declined", "declined");
		management.on(approved());

		assertThat(management.on(cancelled())).isEmpty();
		assertThat(provider.refunds).isEmpty();
	}

	@Test
	void cancellationWithAnOpenIntentRefundsWhatTheProviderChargedWithoutAnnouncingTheCharge() {
		payments.insert(Payment.intend(approved(), T0.minusSeconds(30)));
		provider.existingCharge = new ChargeOutcome.Charged("ch_earlier");

		Optional<PaymentEvent> outcome = management.on(cancelled());

		assertThat(outcome).containsInstanceOf(PaymentRefunded.class);
		assertThat(payments.get(order).providerReference()).isEqualTo("ch_earlier");
		assertThat(payments.get(order).status()).isEqualTo(PaymentStatus.REFUNDED);
		assertThat(provider.charges).isEmpty();
	}

	@Test
	void cancellationWithAnOpenIntentTheProviderNeverChargedVoidsIt() {
		payments.insert(Payment.intend(approved(), T0.minusSeconds(30)));

		assertThat(management.on(cancelled())).isEmpty();
		assertThat(payments.get(order).status()).isEqualTo(PaymentStatus.VOIDED);
		assertThat(management.on(approved())).isEmpty();
		assertThat(provider.charges).isEmpty();
	}

	@Test
	void concurrentWriterWinsAndItsOutcomeIsAnnounced() {
		provider.chargeOutcome = new ChargeOutcome.Charged("ch_mine");
		payments.interfere = current -> current.settle(new ChargeOutcome.Charged("ch_theirs"), T0);

		Optional<PaymentEvent> outcome = management.on(approved());

		assertThat(outcome).get()
			.isInstanceOfSatisfying(PaymentProcessed.class,
					processed -> assertThat(processed.providerReference()).isEqualTo("ch_theirs"));
	}

	/** Payments by order id, with the conditional semantics of the MongoDB writes. */
	static final class InMemoryPayments implements Payments {

		final Map<OrderId, Payment> stored = new HashMap<>();

		/**
		 * Simulates another consumer storing a step between our read and our write
		 * (once).
		 */
		java.util.function.UnaryOperator<Payment> interfere;

		Payment get(OrderId id) {
			return stored.get(id);
		}

		@Override
		public Optional<Payment> findById(OrderId orderId) {
			return Optional.ofNullable(stored.get(orderId));
		}

		@Override
		public List<Payment> findByStatus(PaymentStatus status) {
			return stored.values().stream().filter(p -> p.status() == status).toList();
		}

		@Override
		public void insert(Payment payment) {
			if (stored.putIfAbsent(payment.orderId(), payment.withVersion(0L)) != null) {
				throw new DuplicateKeyException("payment of " + payment.orderId());
			}
		}

		@Override
		public boolean update(Payment current, Payment next) {
			if (interfere != null) {
				Payment theirs = interfere.apply(current);
				interfere = null;
				stored.put(current.orderId(), theirs.withVersion(current.version() + 1));
			}
			Payment now = stored.get(current.orderId());
			if (now == null || !now.version().equals(current.version())) {
				return false;
			}
			stored.put(current.orderId(), next.withVersion(current.version() + 1));
			return true;
		}

	}

	/** A provider whose answers the test sets, recording every call. */
	static final class ScriptedProvider implements PaymentProvider {

		ChargeOutcome chargeOutcome = new ChargeOutcome.Charged("ch_1");

		ChargeOutcome.Charged existingCharge;

		boolean unavailable;

		final List<ChargeRequest> charges = new ArrayList<>();

		final List<OrderId> lookups = new ArrayList<>();

		final List<RefundRequest> refunds = new ArrayList<>();

		int calls() {
			return charges.size() + lookups.size() + refunds.size();
		}

		@Override
		public ChargeOutcome charge(ChargeRequest request) {
			charges.add(request);
			if (unavailable) {
				throw new ProviderUnavailableException("down");
			}
			return chargeOutcome;
		}

		@Override
		public Optional<ChargeOutcome.Charged> findCharge(OrderId orderId) {
			lookups.add(orderId);
			return Optional.ofNullable(existingCharge);
		}

		@Override
		public Refunded refund(RefundRequest request) {
			refunds.add(request);
			return new Refunded("re_" + refunds.size());
		}

	}

}
