package dev.ordersaga.payment;

import java.time.Instant;
import java.util.List;

import dev.ordersaga.support.money.Money;

/**
 * The external payment provider, as the domain needs it. Implementations make every call
 * idempotent through the request's key: asking again with the same key never charges or
 * refunds twice, it returns the first result.
 * <p>
 * Business outcomes (declined, failed) are values. An exception means "ask again later":
 * {@link ProviderUnavailableException} while the provider cannot be reached, anything
 * else when the answer could not be used.
 */
public interface PaymentProvider {

	/**
	 * Charges, or returns the outcome of the first charge made with the same idempotency
	 * key.
	 * @throws ProviderUnavailableException when the provider could not be asked (down,
	 * timed out, breaker open)
	 */
	ChargeOutcome charge(ChargeRequest request);

	/**
	 * Every charge the provider holds for this order (found by the order id in its
	 * metadata), whatever its state; never charges. Used to learn the outcome of an
	 * attempt whose answer was lost or unusable, and to find charges that landed after
	 * the payment was decided without one. The provider's search may lag behind its
	 * charges.
	 * @throws ProviderUnavailableException when the provider could not be asked
	 */
	List<ProviderCharge> findCharges(OrderId orderId);

	/**
	 * Refunds a whole charge, or returns the first refund made with the same idempotency
	 * key.
	 * @throws ProviderUnavailableException when the provider could not be asked
	 * @throws RefundFailedException when the provider refused or failed the refund
	 */
	Refunded refund(RefundRequest request);

	/**
	 * A charge as the provider's search shows it.
	 *
	 * @param reference the provider's charge id
	 * @param amount what it took (or tried to take)
	 * @param refunded whether it was refunded already
	 */
	record ProviderCharge(String reference, Money amount, ChargeState state, boolean refunded) {

		/** Money the provider holds for this charge and nobody gave back yet. */
		public boolean holdsMoney() {
			return state == ChargeState.SUCCEEDED && !refunded;
		}

	}

	/** What became of a charge at the provider. */
	enum ChargeState {

		/** The money was taken. */
		SUCCEEDED,

		/** Declined or failed: no money taken. */
		FAILED,

		/**
		 * Anything else the provider says (e.g. {@code pending}): not known yet whether
		 * money is taken.
		 */
		PENDING

	}

	/**
	 * @param paymentMethod the provider's token
	 * @param idempotencyKey the order id: one charge per order, ever
	 * @param notAfter the order's payBy: no attempt (first or retry) may start at or
	 * after it
	 */
	record ChargeRequest(OrderId orderId, Money amount, String paymentMethod, String idempotencyKey, Instant notAfter) {
	}

	/** What the provider made of a charge request. */
	sealed interface ChargeOutcome {

		/**
		 * @param reference the provider's charge id
		 */
		record Charged(String reference) implements ChargeOutcome {
		}

		/**
		 * @param code the provider's reason, e.g. {@code card_declined} or
		 * {@code invalid_token}
		 */
		record Declined(String code, String message) implements ChargeOutcome {
		}

		/**
		 * The provider refused the request as invalid before executing it: no money was
		 * taken.
		 */
		record Failed(String detail) implements ChargeOutcome {
		}

		/**
		 * The provider may or may not have taken money: a server error that outlasted the
		 * retries, an answer that is not a usable charge, a charge that is not (yet)
		 * {@code succeeded}, or one of another amount. Settled by asking the provider
		 * ({@link PaymentProvider#findCharges}), never by assuming.
		 */
		record Unknown(String detail) implements ChargeOutcome {
		}

	}

	/**
	 * @param idempotencyKey {@code refund-<orderId>}: one refund per order, ever
	 */
	record RefundRequest(OrderId orderId, String chargeReference, Money amount, String idempotencyKey) {
	}

	/**
	 * @param reference the provider's refund id
	 */
	record Refunded(String reference) {
	}

}
