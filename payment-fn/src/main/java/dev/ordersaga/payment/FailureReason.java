package dev.ordersaga.payment;

/** Why no money was taken; the {@code reason} of {@code PaymentFailed}. */
public enum FailureReason {

	/**
	 * The provider declined the payment method (card declined, expired card, unknown or
	 * invalid token).
	 */
	DECLINED,

	/**
	 * The order's payBy passed before it could be charged; the provider was not asked to
	 * charge.
	 */
	EXPIRED,

	/**
	 * The provider failed the request (server error, malformed answer, request it refused
	 * as invalid).
	 */
	ERROR

}
