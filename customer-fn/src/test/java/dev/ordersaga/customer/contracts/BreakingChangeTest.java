package dev.ordersaga.customer.contracts;

import dev.ordersaga.contracts.BreakingChangeCheck;

/**
 * The contract tests of customer-fn bite ({@link BreakingChangeCheck}): renaming or
 * dropping any field a consumer reads fails the generated test of its contract; adding
 * fields does not.
 */
class BreakingChangeTest extends BreakingChangeCheck {

	BreakingChangeTest() {
		super("customer-fn", "dev.ordersaga.customer.contracts");
	}

}
