package dev.ordersaga.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.payment.OrderEvent.OrderApproved;
import dev.ordersaga.payment.OrderEvent.OrderCancelled;
import dev.ordersaga.payment.PaymentProvider.ChargeOutcome;
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

	private final Clock clock;

	private final MeterRegistry meters;

	public PaymentManagement(Payments payments, PaymentProvider provider, Clock clock, MeterRegistry meters) {
		this.payments = payments;
		this.provider = provider;
		this.clock = clock;
		this.meters = meters;
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
	 * whether an earlier attempt went through.
	 */
	private Payment resolveCharge(Payment intent) {
		if (intent.mayCharge(now())) {
			log.info("Charging order {} {} ({})", intent.orderId(), intent.amount(), intent.paymentMethod());
			ChargeOutcome outcome = provider.charge(intent.chargeRequest());
			return intent.settle(outcome, now());
		}
		log.info("Order {} passed its payBy {} with a charge attempt unresolved: asking the provider, not charging",
				intent.orderId(), intent.payBy());
		return provider.findCharge(intent.orderId())
			.map(charged -> intent.settle(charged, now()))
			.orElseGet(() -> intent.expire(now()));
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
					Payment resolved = provider.findCharge(id)
						.map(charged -> payment.settle(charged, now()))
						.orElseGet(() -> payment.voidIntent(now()));
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
					Refunded refund = provider.refund(payment.refundRequest());
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
