package dev.ordersaga.payment;

import java.net.URI;
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
import dev.ordersaga.payment.PaymentProvider.ChargeState;
import dev.ordersaga.payment.PaymentProvider.ProviderCharge;
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

	final InMemoryRechecks rechecks = new InMemoryRechecks();

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	static final List<Duration> RECHECK_DELAYS = List.of(Duration.ofSeconds(10), Duration.ofMinutes(1));

	final PaymentManagement management = new PaymentManagement(payments, provider, rechecks, new PaymentProperties(
			new PaymentProperties.Provider(URI.create("http://localhost:8090"), "sk_test", Duration.ofSeconds(1),
					Duration.ofSeconds(5)),
			Duration.ofSeconds(1), Duration.ofSeconds(30),
			new PaymentProperties.Recheck(RECHECK_DELAYS, Duration.ofSeconds(5), Duration.ofMinutes(1), 50)),
			Clock.fixed(T0, ZoneOffset.UTC), meters);

	static final Money TOTAL = Money.of(30_000, "KRW");

	OrderApproved approved(Instant payBy) {
		return new OrderApproved(order, customer, TOTAL, "tok_visa", payBy);
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
		assertThat(rechecks.scheduled).containsEntry(order, new Scheduled(0, T0.plusSeconds(10)));
	}

	@Test
	void openIntentPastPayByAdoptsAChargeTheProviderAlreadyMade() {
		payments.insert(Payment.intend(approved(T0.minusSeconds(1)), T0.minusSeconds(30)));
		provider.holds("ch_earlier", TOTAL, ChargeState.SUCCEEDED);

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
		provider.holds("ch_earlier", TOTAL, ChargeState.SUCCEEDED);

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
		assertThat(rechecks.scheduled).containsEntry(order, new Scheduled(0, T0.plusSeconds(10)));
	}

	@Test
	void chargeWhoseAnswerWasLostIsAdoptedWhenTheProviderHoldsIt() {
		provider.chargeOutcome = new ChargeOutcome.Unknown("500 api_error (after 3 attempts)");
		provider.holds("ch_landed", TOTAL, ChargeState.SUCCEEDED);

		Optional<PaymentEvent> outcome = management.on(approved());

		assertThat(outcome).get()
			.isInstanceOfSatisfying(PaymentProcessed.class,
					processed -> assertThat(processed.providerReference()).isEqualTo("ch_landed"));
		assertThat(payments.get(order).status()).isEqualTo(PaymentStatus.CHARGED);
		assertThat(provider.refunds).isEmpty();
		assertThat(rechecks.scheduled).isEmpty();
	}

	@Test
	void chargeTheProviderCannotTellTheOutcomeOfYetWaitsWithoutDeciding() {
		provider.chargeOutcome = new ChargeOutcome.Unknown("provider answered charge ch_p with status pending");
		provider.holds("ch_p", TOTAL, ChargeState.PENDING);

		assertThatExceptionOfType(ChargeUncertainException.class).isThrownBy(() -> management.on(approved()))
			.withMessageContaining("ch_p");
		assertThat(payments.get(order).status()).isEqualTo(PaymentStatus.CHARGING);

		provider.held.clear();
		provider.holds("ch_p", TOTAL, ChargeState.SUCCEEDED);
		assertThat(management.on(approved())).get()
			.isInstanceOfSatisfying(PaymentProcessed.class,
					processed -> assertThat(processed.providerReference()).isEqualTo("ch_p"));
	}

	@Test
	void chargeOfAnotherAmountIsRefundedAndThePaymentFails() {
		provider.chargeOutcome = new ChargeOutcome.Unknown("provider charged 100 KRW instead of 30000 KRW");
		provider.holds("ch_wrong", Money.of(100, "KRW"), ChargeState.SUCCEEDED);

		Optional<PaymentEvent> outcome = management.on(approved());

		assertThat(outcome).get()
			.isInstanceOfSatisfying(PaymentFailed.class,
					failed -> assertThat(failed.reason()).isEqualTo(FailureReason.ERROR));
		assertThat(provider.refunds).singleElement().satisfies(refund -> {
			assertThat(refund.chargeReference()).isEqualTo("ch_wrong");
			assertThat(refund.amount()).isEqualTo(Money.of(100, "KRW"));
			assertThat(refund.idempotencyKey()).isEqualTo("refund-ch_wrong");
		});
		assertThat(payments.get(order).strayCharges()).singleElement()
			.isEqualTo(new StrayCharge("ch_wrong", Money.of(100, "KRW"), "re_1", T0));
		assertThat(outcomes("stray-refunded")).isEqualTo(1);
	}

	@Test
	void serverErrorWithoutAChargeAtTheProviderFailsAsErrorAndIsCheckedAgainLater() {
		provider.chargeOutcome = new ChargeOutcome.Unknown("500 api_error (after 3 attempts)");

		Optional<PaymentEvent> outcome = management.on(approved());

		assertThat(outcome).get().isInstanceOfSatisfying(PaymentFailed.class, failed -> {
			assertThat(failed.reason()).isEqualTo(FailureReason.ERROR);
			assertThat(failed.detail()).contains("500 api_error");
		});
		assertThat(provider.lookups).containsExactly(order);
		assertThat(rechecks.scheduled).containsEntry(order, new Scheduled(0, T0.plusSeconds(10)));
	}

	@Test
	void recheckRefundsAChargeThatLandedAfterThePaymentWasDecidedWithoutOne() {
		payments.insert(Payment.intend(approved(), T0.minusSeconds(30)));
		management.on(cancelled());
		provider.holds("ch_late", TOTAL, ChargeState.SUCCEEDED);

		management.recheck(order, 0);

		assertThat(provider.refunds).singleElement()
			.satisfies(refund -> assertThat(refund.chargeReference()).isEqualTo("ch_late"));
		Payment payment = payments.get(order);
		assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED);
		assertThat(payment.strayCharges()).extracting(StrayCharge::refundReference).containsExactly("re_1");
		assertThat(rechecks.scheduled).containsEntry(order, new Scheduled(1, T0.plus(Duration.ofMinutes(1))));

		management.recheck(order, 1);

		assertThat(provider.refunds).as("refunded once").hasSize(1);
		assertThat(rechecks.scheduled).as("no re-check after the last delay").doesNotContainKey(order);
	}

	@Test
	void recheckOfAPaymentThatHoldsItsChargeEndsTheRechecks() {
		payments.insert(Payment.intend(approved(), T0.minusSeconds(30)));
		rechecks.schedule(order, 0, T0);
		provider.chargeOutcome = new ChargeOutcome.Charged("ch_1");
		management.on(approved());

		management.recheck(order, 0);

		assertThat(provider.lookups).isEmpty();
		assertThat(rechecks.scheduled).doesNotContainKey(order);
	}

	@Test
	void refundTheProviderRefusesIsCountedAndRetriedNotForgotten() {
		management.on(approved());
		provider.refuseRefunds = true;

		assertThatExceptionOfType(RefundFailedException.class).isThrownBy(() -> management.on(cancelled()));

		assertThat(payments.get(order).status()).isEqualTo(PaymentStatus.CHARGED);
		assertThat(meters.counter("saga.payment.refund.failures", "kind", "refused").count()).isEqualTo(1);
		provider.refuseRefunds = false;
		assertThat(management.on(cancelled())).containsInstanceOf(PaymentRefunded.class);
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

	record Scheduled(int attempt, Instant due) {
	}

	/** Re-checks by order id. */
	static final class InMemoryRechecks implements Rechecks {

		final Map<OrderId, Scheduled> scheduled = new HashMap<>();

		@Override
		public void schedule(OrderId orderId, int attempt, Instant due) {
			scheduled.put(orderId, new Scheduled(attempt, due));
		}

		@Override
		public List<Recheck> claimDue(Instant now, Duration lease, int limit) {
			throw new UnsupportedOperationException("not used by the decisions");
		}

		@Override
		public void remove(OrderId orderId) {
			scheduled.remove(orderId);
		}

	}

	/** A provider whose answers the test sets, recording every call. */
	static final class ScriptedProvider implements PaymentProvider {

		ChargeOutcome chargeOutcome = new ChargeOutcome.Charged("ch_1");

		/** What the provider's search shows. */
		final List<ProviderCharge> held = new ArrayList<>();

		boolean unavailable;

		boolean refuseRefunds;

		final List<ChargeRequest> charges = new ArrayList<>();

		final List<OrderId> lookups = new ArrayList<>();

		final List<RefundRequest> refunds = new ArrayList<>();

		void holds(String reference, Money amount, ChargeState state) {
			held.add(new ProviderCharge(reference, amount, state, false));
		}

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
		public List<ProviderCharge> findCharges(OrderId orderId) {
			lookups.add(orderId);
			return List.copyOf(held);
		}

		@Override
		public Refunded refund(RefundRequest request) {
			if (refuseRefunds) {
				throw new RefundFailedException("400 charge_not_refundable", true);
			}
			refunds.add(request);
			held.replaceAll(charge -> charge.reference().equals(request.chargeReference())
					? new ProviderCharge(charge.reference(), charge.amount(), charge.state(), true) : charge);
			return new Refunded("re_" + refunds.size());
		}

	}

}
