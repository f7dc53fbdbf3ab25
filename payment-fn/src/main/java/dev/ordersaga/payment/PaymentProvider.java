package dev.ordersaga.payment;

import java.time.Instant;
import java.util.Optional;

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
	 * The successful charge the provider holds for this order, if any; never charges.
	 * Used when an attempt's result is unknown and charging again is no longer allowed
	 * (the order's payBy passed, or it was cancelled).
	 * @throws ProviderUnavailableException when the provider could not be asked
	 */
	Optional<ChargeOutcome.Charged> findCharge(OrderId orderId);

	/**
	 * Refunds a whole charge, or returns the first refund made with the same idempotency
	 * key.
	 * @throws ProviderUnavailableException when the provider could not be asked
	 * @throws RefundFailedException when the provider refused or failed the refund
	 */
	Refunded refund(RefundRequest request);

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

		/** The provider failed the request, or answered something that cannot be used. */
		record Failed(String detail) implements ChargeOutcome {
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
