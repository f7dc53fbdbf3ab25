package dev.ordersaga.payment.contracts;

import dev.ordersaga.contracts.BreakingChangeCheck;

/**
 * The contract tests of payment-fn bite ({@link BreakingChangeCheck}): renaming or
 * dropping any field a consumer reads fails the generated test of its contract; adding
 * fields does not.
 */
class BreakingChangeTest extends BreakingChangeCheck {

	BreakingChangeTest() {
		super("payment-fn", "dev.ordersaga.payment.contracts");
	}

}
