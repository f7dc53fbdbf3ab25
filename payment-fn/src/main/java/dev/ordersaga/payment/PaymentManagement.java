package dev.ordersaga.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.payment.OrderEvent.OrderApproved;
import dev.ordersaga.payment.OrderEvent.OrderCancelled;
import dev.ordersaga.payment.PaymentProvider.ChargeOutcome;
import dev.ordersaga.payment.PaymentProvider.ChargeState;
import dev.ordersaga.payment.PaymentProvider.ProviderCharge;
import dev.ordersaga.payment.PaymentProvider.RefundRequest;
import dev.ordersaga.payment.PaymentProvider.Refunded;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The payment side of the saga: charge approved orders, refund or void cancelled ones.
 * Each use case loads the order's payment, decides, calls the provider if it must, and
 * saves with a write conditional on the version read, so a lost race is decided again on
 * the fresh payment. Every step is idempotent: a redelivered event re-announces the
 * recorded outcome and never calls the provider to charge or refund a second time.
 */
@Service
public class PaymentManagement {

	private static final Logger log = LoggerFactory.getLogger(PaymentManagement.class);

	private static final int MAX_ATTEMPTS = 10;

	private final Payments payments;

	private final PaymentProvider provider;

	private final Rechecks rechecks;

	private final List<Duration> recheckDelays;

	private final Clock clock;

	private final MeterRegistry meters;

	public PaymentManagement(Payments payments, PaymentProvider provider, Rechecks rechecks,
			PaymentProperties properties, Clock clock, MeterRegistry meters) {
		this.payments = payments;
		this.provider = provider;
		this.rechecks = rechecks;
		this.recheckDelays = properties.recheck().delays();
		this.clock = clock;
		this.meters = meters;
	}

	/** What an open intent becomes when the provider holds no charge of the order. */
	private enum WithoutCharge {

		/** The charge attempt's outcome was unknown: failed with reason ERROR. */
		FAIL,

		/** payBy passed: failed with reason EXPIRED. */
		EXPIRE,

		/** The order was cancelled: voided. */
		VOID

	}

	/**
	 * Reacts to an order event.
	 * @return the event announcing the payment's outcome, or empty when there is nothing
	 * to announce
	 * @throws ProviderUnavailableException when the provider could not be asked; the
	 * event must be handled again later
	 */
	public Optional<PaymentEvent> on(OrderEvent event) {
		return switch (event) {
			case OrderApproved approved -> pay(approved);
			case OrderCancelled cancelled -> compensate(cancelled);
		};
	}

	public Optional<Payment> find(OrderId orderId) {
		return payments.findById(orderId);
	}

	private Optional<PaymentEvent> pay(OrderApproved approved) {
		OrderId id = approved.orderId();
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			Payment payment = payments.findById(id).orElse(null);
			if (payment == null) {
				Instant now = now();
				Payment first = now.isBefore(approved.payBy()) ? Payment.intend(approved, now)
						: Payment.expired(approved, now);
				if (!insert(first)) {
					continue;
				}
				if (first.status() == PaymentStatus.FAILED) {
					report(first);
					return first.outcome();
				}
				payment = first.withVersion(0L);
			}
			switch (payment.status()) {
				case VOIDED -> {
					log.info("Order {} was cancelled before it was paid: not charging it, ever", id);
					return Optional.empty();
				}
				case CHARGED, REFUNDED, FAILED -> {
					log.info("Order {} already paid or failed ({}): re-announcing the outcome", id, payment.status());
					return payment.outcome();
				}
				case CHARGING -> {
					Payment settled = resolveCharge(payment);
					if (payments.update(payment, settled)) {
						report(settled);
						return settled.outcome();
					}
				}
			}
		}
		throw new IllegalStateException(
				"Payment of order " + id + " kept changing under " + MAX_ATTEMPTS + " attempts");
	}

	/**
	 * Settles an open intent: charge while payBy has not passed (the idempotency key
	 * makes a second attempt return the first result); after it, only ask the provider
	 * whether an earlier attempt went through. An answer that leaves open whether money
	 * was taken is settled by asking the provider too, never by assuming.
	 */
	private Payment resolveCharge(Payment intent) {
		if (intent.mayCharge(now())) {
			log.info("Charging order {} {} ({})", intent.orderId(), intent.amount(), intent.paymentMethod());
			ChargeOutcome outcome = provider.charge(intent.chargeRequest());
			if (outcome instanceof ChargeOutcome.Unknown unknown) {
				log.warn("Charge of order {} uncertain ({}): asking the provider what it holds", intent.orderId(),
						unknown.detail());
				return reconcile(intent, WithoutCharge.FAIL, unknown.detail());
			}
			return intent.settle(outcome, now());
		}
		log.info("Order {} passed its payBy {} with a charge attempt unresolved: asking the provider, not charging",
				intent.orderId(), intent.payBy());
		return reconcile(intent, WithoutCharge.EXPIRE, null);
	}

	/**
	 * Decides an open intent by what the provider holds for the order: its charge of the
	 * payment's money is adopted; any other charge holding money (another amount, a
	 * second one) is refunded; without a charge the intent is decided as
	 * {@code withoutCharge} says, and looked at again later
	 * ({@link #recheck(OrderId, int)}), because the provider's search may lag and an
	 * abandoned attempt may still land. The re-check is scheduled before the decision is
	 * stored, so a crash in between cannot lose it.
	 * @throws ChargeUncertainException while the provider cannot tell yet (a pending
	 * charge)
	 */
	private Payment reconcile(Payment intent, WithoutCharge withoutCharge, String detail) {
		OrderId id = intent.orderId();
		List<ProviderCharge> charges = provider.findCharges(id);
		charges.stream()
			.filter(charge -> charge.state() == ChargeState.PENDING && !charge.refunded())
			.findFirst()
			.ifPresent(pending -> {
				throw new ChargeUncertainException("Charge " + pending.reference() + " of order " + id
						+ " is not settled at the provider yet: asking again later");
			});
		Optional<ProviderCharge> own = charges.stream()
			.filter(ProviderCharge::holdsMoney)
			.filter(charge -> charge.amount().equals(intent.amount()))
			.findFirst();
		Payment decided;
		if (own.isPresent()) {
			log.info("The provider holds charge {} of order {} {}: adopting it", own.get().reference(), id,
					intent.amount());
			decided = intent.settle(new ChargeOutcome.Charged(own.get().reference()), now());
		}
		else {
			scheduleRecheck(id, 0);
			decided = switch (withoutCharge) {
				case FAIL -> intent.fail(detail, now());
				case EXPIRE -> intent.expire(now());
				case VOID -> intent.voidIntent(now());
			};
		}
		String ownReference = own.map(ProviderCharge::reference).orElse(null);
		for (ProviderCharge charge : charges) {
			if (charge.holdsMoney() && !charge.reference().equals(ownReference)) {
				decided = decided.strayRefunded(refundStray(id, charge, "it is not the charge of the payment"));
			}
		}
		return decided;
	}

	/**
	 * Looks at a payment decided without a charge again: refunds any charge that the
	 * provider holds for the order by now (an attempt that landed after the decision, or
	 * that its search did not show yet), and schedules the next re-check while any are
	 * left. A payment still undecided is left to its own events and looked at later.
	 * @param attempt which re-check this is, from 0
	 * @throws ProviderUnavailableException when the provider could not be asked; the
	 * re-check is due again once its lease ends
	 * @throws RefundFailedException likewise
	 */
	public void recheck(OrderId id, int attempt) {
		for (int round = 1; round <= MAX_ATTEMPTS; round++) {
			Payment payment = payments.findById(id).orElse(null);
			if (payment == null || payment.status() == PaymentStatus.CHARGED
					|| payment.status() == PaymentStatus.REFUNDED) {
				// its charge is the payment's own, which the saga refunds if it must
				rechecks.remove(id);
				return;
			}
			if (payment.status() == PaymentStatus.CHARGING) {
				scheduleRecheck(id, attempt + 1);
				return;
			}
			List<ProviderCharge> charges = provider.findCharges(id);
			Payment checked = payment;
			for (ProviderCharge charge : charges) {
				if (charge.holdsMoney()) {
					checked = checked.strayRefunded(
							refundStray(id, charge, "it landed after the payment was decided " + payment.status()));
				}
			}
			if (checked == payment || payments.update(payment, checked)) {
				boolean pending = charges.stream()
					.anyMatch(charge -> charge.state() == ChargeState.PENDING && !charge.refunded());
				// a pending charge may still take money: keep looking even past the last
				// delay
				scheduleRecheck(id, pending && !recheckDelays.isEmpty() ? Math.min(attempt, recheckDelays.size() - 1)
						: attempt + 1);
				return;
			}
		}
		throw new IllegalStateException(
				"Payment of order " + id + " kept changing under " + MAX_ATTEMPTS + " attempts");
	}

	private void scheduleRecheck(OrderId id, int attempt) {
		if (attempt < recheckDelays.size()) {
			rechecks.schedule(id, attempt, now().plus(recheckDelays.get(attempt)));
		}
		else {
			rechecks.remove(id);
		}
	}

	/**
	 * Gives back a charge that is not the payment's own, once per charge (its id is in
	 * the idempotency key).
	 */
	private StrayCharge refundStray(OrderId id, ProviderCharge charge, String why) {
		log.warn("Order {}: the provider holds charge {} of {}, but {}: refunding it", id, charge.reference(),
				charge.amount(), why);
		Refunded refund = refund(
				new RefundRequest(id, charge.reference(), charge.amount(), "refund-" + charge.reference()));
		log.warn("Order {}: stray charge {} refunded as {}", id, charge.reference(), refund.reference());
		count("stray-refunded");
		return new StrayCharge(charge.reference(), charge.amount(), refund.reference(), now());
	}

	/**
	 * Every refund goes through here: one the provider fails or refuses is retried until
	 * it succeeds (the caller's event or re-check comes back), and says so loudly.
	 */
	private Refunded refund(RefundRequest request) {
		try {
			return provider.refund(request);
		}
		catch (RefundFailedException ex) {
			String kind = ex.refused() ? "refused" : "failed";
			Counter.builder("saga.payment.refund.failures")
				.description("Refund attempts the provider failed or refused; each is retried until it succeeds")
				.tag("kind", kind)
				.register(meters)
				.increment();
			if (ex.refused()) {
				log.error(
						"Refund of order {} (charge {}) REFUSED by the provider, will be retried until it succeeds;"
								+ " an operator must look at it: {}",
						request.orderId(), request.chargeReference(), ex.getMessage());
			}
			else {
				log.warn("Refund of order {} (charge {}) failed, will be retried: {}", request.orderId(),
						request.chargeReference(), ex.getMessage());
			}
			throw ex;
		}
	}

	private Optional<PaymentEvent> compensate(OrderCancelled cancelled) {
		OrderId id = cancelled.orderId();
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			Payment payment = payments.findById(id).orElse(null);
			if (payment == null) {
				Payment voided = Payment.voided(cancelled, now());
				if (insert(voided)) {
					log.info("Order {} cancelled ({}) before it was charged: voided, it will never be charged", id,
							cancelled.reason());
					count("voided");
					return Optional.empty();
				}
				continue;
			}
			switch (payment.status()) {
				case VOIDED -> {
					log.info("Order {} cancelled ({}): already voided", id, cancelled.reason());
					return Optional.empty();
				}
				case FAILED -> {
					log.info("Order {} cancelled ({}): its payment failed ({}), nothing to refund", id,
							cancelled.reason(), payment.failureReason());
					return Optional.empty();
				}
				case REFUNDED -> {
					log.info("Order {} cancelled ({}): already refunded, re-announcing", id, cancelled.reason());
					return Optional.of(payment.refunded());
				}
				case CHARGING -> {
					// an attempt whose result never got recorded: learn it without
					// charging, then refund or void
					log.info("Order {} cancelled ({}) with a charge attempt unresolved: asking the provider", id,
							cancelled.reason());
					Payment resolved = reconcile(payment, WithoutCharge.VOID, null);
					if (payments.update(payment, resolved)) {
						report(resolved);
						if (resolved.status() == PaymentStatus.VOIDED) {
							return Optional.empty();
						}
					}
				}
				case CHARGED -> {
					log.info("Refunding order {} {} (charge {}): order cancelled ({})", id, payment.amount(),
							payment.providerReference(), cancelled.reason());
					Refunded refund = refund(payment.refundRequest());
					Payment refunded = payment.refund(refund.reference(), now());
					if (payments.update(payment, refunded)) {
						report(refunded);
						return Optional.of(refunded.refunded());
					}
				}
			}
		}
		throw new IllegalStateException(
				"Payment of order " + id + " kept changing under " + MAX_ATTEMPTS + " attempts");
	}

	/**
	 * @return {@code false} when the order already has a payment (a concurrent or earlier
	 * event stored it)
	 */
	private boolean insert(Payment payment) {
		try {
			payments.insert(payment);
			return true;
		}
		catch (DuplicateKeyException duplicate) {
			return false;
		}
	}

	/** Tells the story of a step that was just stored. */
	private void report(Payment payment) {
		OrderId id = payment.orderId();
		switch (payment.status()) {
			case CHARGED -> {
				log.info("Charge {} succeeded: order {} paid {}", payment.providerReference(), id, payment.amount());
				count("charged");
			}
			case FAILED -> {
				switch (payment.failureReason()) {
					case DECLINED -> log.info("Order {} declined: {}", id, payment.failureDetail());
					case EXPIRED -> log.info("Order {} not charged: {}", id, payment.failureDetail());
					case ERROR -> log.warn("Payment of order {} failed: {}", id, payment.failureDetail());
				}
				count(payment.failureReason().name().toLowerCase(java.util.Locale.ROOT));
			}
			case REFUNDED -> {
				log.info("Refund {} succeeded: order {} got {} back", payment.refundReference(), id, payment.amount());
				count("refunded");
			}
			case VOIDED -> {
				log.info("Order {} voided: the provider never charged it, and it never will", id);
				count("voided");
			}
			case CHARGING -> {
			}
		}
	}

	private void count(String outcome) {
		Counter.builder("saga.payment.outcomes")
			.description("Payment steps taken, by outcome (re-announcements of earlier outcomes not counted)")
			.tag("outcome", outcome)
			.register(meters)
			.increment();
	}

	private Instant now() {
		return clock.instant();
	}

}
