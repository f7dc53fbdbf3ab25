package dev.ordersaga.email.contracts;

import dev.ordersaga.contracts.BreakingChangeCheck;

/**
 * The contract tests of email-fn bite ({@link BreakingChangeCheck}): renaming or dropping
 * any field a consumer reads fails the generated test of its contract; adding fields does
 * not.
 */
class BreakingChangeTest extends BreakingChangeCheck {

	BreakingChangeTest() {
		super("email-fn", "dev.ordersaga.email.contracts");
	}

}
