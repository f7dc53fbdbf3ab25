package dev.ordersaga.sandbox;

import java.util.Arrays;
import java.util.Optional;

/**
 * The magic payment tokens of test mode and what charging each of them does. Any other
 * token is unknown to the provider and answered with {@code 400 invalid_token}.
 */
enum TestToken {

	/** Charges succeed. */
	VISA("tok_visa", Behaviour.SUCCEED, null, null),

	/** Charges succeed. */
	MASTERCARD("tok_mastercard", Behaviour.SUCCEED, null, null),

	/**
	 * 402 card_error, code {@code card_declined}, decline code {@code generic_decline}.
	 */
	DECLINED("tok_declined", Behaviour.DECLINE, "card_declined", "generic_decline"),

	/**
	 * 402 card_error, code {@code card_declined}, decline code
	 * {@code insufficient_funds}.
	 */
	INSUFFICIENT_FUNDS("tok_insufficient_funds", Behaviour.DECLINE, "card_declined", "insufficient_funds"),

	/** 402 card_error, code {@code expired_card}. */
	EXPIRED_CARD("tok_expired_card", Behaviour.DECLINE, "expired_card", null),

	/**
	 * 500 api_error: the provider fails this request (and, being idempotent, every retry
	 * of it).
	 */
	ERROR("tok_error", Behaviour.FAIL, null, null),

	/**
	 * The charge succeeds, but the answer is a 500 api_error (and, being idempotent, so
	 * is every retry's): the client cannot tell from the answer that money was taken and
	 * must ask the provider (search, retrieve).
	 */
	ERROR_AFTER_CHARGE("tok_error_after_charge", Behaviour.SUCCEED_THEN_FAIL, null, null),

	/**
	 * 200 with a body that is not a valid charge: exercises the client's handling of
	 * malformed responses.
	 */
	MALFORMED("tok_malformed", Behaviour.MALFORMED, null, null);

	enum Behaviour {

		SUCCEED, SUCCEED_THEN_FAIL, DECLINE, FAIL, MALFORMED

	}

	private final String token;

	private final Behaviour behaviour;

	private final String declineCode;

	private final String declineReason;

	TestToken(String token, Behaviour behaviour, String declineCode, String declineReason) {
		this.token = token;
		this.behaviour = behaviour;
		this.declineCode = declineCode;
		this.declineReason = declineReason;
	}

	static Optional<TestToken> of(String token) {
		return Arrays.stream(values()).filter(t -> t.token.equals(token)).findFirst();
	}

	String token() {
		return token;
	}

	Behaviour behaviour() {
		return behaviour;
	}

	/** Stripe's {@code code} of a declined charge, e.g. {@code card_declined}. */
	String declineCode() {
		return declineCode;
	}

	/**
	 * Stripe's {@code decline_code}, e.g. {@code insufficient_funds}; {@code null} when
	 * the code says it all.
	 */
	String declineReason() {
		return declineReason;
	}

}
