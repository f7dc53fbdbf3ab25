package dev.ordersaga.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.ordersaga.payment.OrderEvent.OrderApproved;
import dev.ordersaga.payment.OrderEvent.OrderCancelled;
import dev.ordersaga.payment.PaymentEvent.PaymentFailed;
import dev.ordersaga.payment.PaymentEvent.PaymentProcessed;
import dev.ordersaga.payment.PaymentEvent.PaymentRefunded;
import dev.ordersaga.payment.PaymentProvider.ChargeOutcome;
import dev.ordersaga.payment.PaymentProvider.ChargeRequest;
import dev.ordersaga.payment.PaymentProvider.RefundRequest;
import dev.ordersaga.support.money.Money;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The payment of one order; the order id is its key, so there is at most one payment per
 * order, ever. Immutable: every step returns a new payment, see {@link PaymentStatus} for
 * the life cycle.
 * <p>
 * The intent to charge ({@link PaymentStatus#CHARGING}) is stored before the provider is
 * called, so a crash during the call leaves a trace: the redelivered approval asks the
 * provider again with the same idempotency key and gets the first result. A cancellation
 * that finds no payment stores a {@link PaymentStatus#VOIDED} one, so a late or
 * redelivered approval never charges.
 *
 * @param amount what is charged, and refunded
 * @param paymentMethod the provider's token; {@code null} when voided before approval
 * @param payBy no charge after this instant; {@code null} when voided before approval
 * @param providerReference the provider's charge id once charged
 * @param failureReason why no money was taken, once failed
 * @param refundReference the provider's refund id once refunded
 * @param strayCharges charges the provider held for the order besides the payment's own
 * (landed late, or of another amount), each refunded
 */
@Document("payments")
public record Payment(@Id OrderId orderId, CustomerId customerId, PaymentId paymentId, Money amount,
		String paymentMethod, Instant payBy, @Indexed PaymentStatus status, String providerReference,
		FailureReason failureReason, String failureDetail, String refundReference, List<StatusChange> history,
		List<StrayCharge> strayCharges, @Version Long version) {

	public Payment {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(status, "status");
		history = List.copyOf(history);
		// documents written before stray charges were recorded have none
		strayCharges = strayCharges == null ? List.of() : List.copyOf(strayCharges);
	}

	/** The intent to charge an approved order, stored before the provider is called. */
	public static Payment intend(OrderApproved approved, Instant now) {
		return new Payment(approved.orderId(), approved.customerId(), PaymentId.forOrder(approved.orderId()),
				approved.total(), approved.paymentMethod(), approved.payBy(), PaymentStatus.CHARGING, null, null, null,
				null, List.of(new StatusChange(PaymentStatus.CHARGING, now)), List.of(), null);
	}

	/**
	 * An approval that arrived after the order's payBy: failed without asking the
	 * provider.
	 */
	public static Payment expired(OrderApproved approved, Instant now) {
		return new Payment(approved.orderId(), approved.customerId(), PaymentId.forOrder(approved.orderId()),
				approved.total(), approved.paymentMethod(), approved.payBy(), PaymentStatus.FAILED, null,
				FailureReason.EXPIRED, expiredDetail(approved.payBy()), null,
				List.of(new StatusChange(PaymentStatus.FAILED, now)), List.of(), null);
	}

	/** A cancellation that came before any charge: the order is never charged. */
	public static Payment voided(OrderCancelled cancelled, Instant now) {
		return new Payment(cancelled.orderId(), cancelled.customerId(), PaymentId.forOrder(cancelled.orderId()), null,
				null, null, PaymentStatus.VOIDED, null, null, null, null,
				List.of(new StatusChange(PaymentStatus.VOIDED, now)), List.of(), null);
	}

	/**
	 * Whether the provider may be asked to charge now: an open intent, and payBy not
	 * reached.
	 */
	public boolean mayCharge(Instant now) {
		return status == PaymentStatus.CHARGING && now.isBefore(payBy);
	}

	/**
	 * The provider's request; the order id is the idempotency key, so a retry never
	 * charges twice.
	 */
	public ChargeRequest chargeRequest() {
		return new ChargeRequest(orderId, amount, paymentMethod, orderId.toString(), payBy);
	}

	/** The provider's refund of the charge; one refund per order, ever. */
	public RefundRequest refundRequest() {
		return new RefundRequest(orderId, providerReference, amount, "refund-" + orderId);
	}

	/**
	 * Records the provider's answer to the charge.
	 * @throws IllegalStateException for an {@link ChargeOutcome.Unknown unknown} outcome,
	 * which must be reconciled with the provider first, never recorded as such
	 */
	public Payment settle(ChargeOutcome outcome, Instant now) {
		require(PaymentStatus.CHARGING);
		return switch (outcome) {
			case ChargeOutcome.Charged charged ->
				next(PaymentStatus.CHARGED, charged.reference(), null, null, null, now);
			case ChargeOutcome.Declined declined -> next(PaymentStatus.FAILED, null, FailureReason.DECLINED,
					declined.code() + ": " + declined.message(), null, now);
			case ChargeOutcome.Failed failed -> fail(failed.detail(), now);
			case ChargeOutcome.Unknown unknown -> throw new IllegalStateException("Payment of order " + orderId
					+ ": an unknown charge outcome must be reconciled, not recorded (" + unknown.detail() + ")");
		};
	}

	/**
	 * The provider failed the charge and, asked afterwards, holds no charge of the order:
	 * failed with reason {@code ERROR}.
	 */
	public Payment fail(String detail, Instant now) {
		require(PaymentStatus.CHARGING);
		return next(PaymentStatus.FAILED, null, FailureReason.ERROR, detail, null, now);
	}

	/**
	 * A charge the provider holds besides the payment's own went back; the status does
	 * not change (the order's outcome stays what it was).
	 */
	public Payment strayRefunded(StrayCharge stray) {
		if (strayCharges.stream().anyMatch(known -> known.chargeReference().equals(stray.chargeReference()))) {
			return this;
		}
		List<StrayCharge> strays = new ArrayList<>(strayCharges);
		strays.add(stray);
		return new Payment(orderId, customerId, paymentId, amount, paymentMethod, payBy, status, providerReference,
				failureReason, failureDetail, refundReference, history, strays, version);
	}

	/** Whether the payment is decided and holds no money of the customer. */
	public boolean holdsNoMoney() {
		return status == PaymentStatus.FAILED || status == PaymentStatus.VOIDED;
	}

	/**
	 * The intent outlived payBy and the provider holds no charge: fail it, never charge.
	 */
	public Payment expire(Instant now) {
		require(PaymentStatus.CHARGING);
		return next(PaymentStatus.FAILED, null, FailureReason.EXPIRED, expiredDetail(payBy), null, now);
	}

	/**
	 * The order was cancelled while the intent was open and the provider holds no charge:
	 * never charge.
	 */
	public Payment voidIntent(Instant now) {
		require(PaymentStatus.CHARGING);
		return next(PaymentStatus.VOIDED, null, null, null, null, now);
	}

	/** The charge of a cancelled order went back. */
	public Payment refund(String reference, Instant now) {
		require(PaymentStatus.CHARGED);
		return next(PaymentStatus.REFUNDED, providerReference, null, null, reference, now);
	}

	/**
	 * The event that answers an approval, also when it is redelivered: the same event
	 * each time (same id, same time). Empty while the intent is open and for a voided
	 * payment, whose order must not be charged.
	 */
	public Optional<PaymentEvent> outcome() {
		return switch (status) {
			case CHARGED, REFUNDED -> Optional.of(processed());
			case FAILED -> Optional.of(failed());
			case CHARGING, VOIDED -> Optional.empty();
		};
	}

	public PaymentProcessed processed() {
		return new PaymentProcessed(orderId, customerId, paymentId, amount, providerReference,
				reachedAt(PaymentStatus.CHARGED));
	}

	public PaymentFailed failed() {
		return new PaymentFailed(orderId, customerId, failureReason, failureDetail, reachedAt(PaymentStatus.FAILED));
	}

	public PaymentRefunded refunded() {
		return new PaymentRefunded(orderId, customerId, paymentId, amount, refundReference,
				reachedAt(PaymentStatus.REFUNDED));
	}

	public Payment withVersion(Long version) {
		return new Payment(orderId, customerId, paymentId, amount, paymentMethod, payBy, status, providerReference,
				failureReason, failureDetail, refundReference, history, strayCharges, version);
	}

	/** When the payment reached {@code wanted}. */
	public Instant reachedAt(PaymentStatus wanted) {
		return history.stream()
			.filter(change -> change.status() == wanted)
			.map(StatusChange::at)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Payment of order " + orderId + " never was " + wanted));
	}

	private Payment next(PaymentStatus next, String chargeReference, FailureReason reason, String detail, String refund,
			Instant now) {
		List<StatusChange> changes = new ArrayList<>(history);
		changes.add(new StatusChange(next, now));
		return new Payment(orderId, customerId, paymentId, amount, paymentMethod, payBy, next, chargeReference, reason,
				detail, refund, changes, strayCharges, version);
	}

	private void require(PaymentStatus expected) {
		if (status != expected) {
			throw new IllegalStateException(
					"Payment of order " + orderId + " is " + status + ", not " + expected + " as this step needs");
		}
	}

	private static String expiredDetail(Instant payBy) {
		return "payBy " + payBy + " passed before the order could be charged";
	}
}
