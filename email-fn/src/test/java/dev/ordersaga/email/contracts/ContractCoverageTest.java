package dev.ordersaga.email.contracts;

import dev.ordersaga.contracts.ContractCoverage;
import dev.ordersaga.email.messaging.EmailEventTypes;

/**
 * The guard ({@link ContractCoverage}): email-fn cannot publish or read a {@code ce_type}
 * that no contract pins, and every contract it consumes has a consumer test.
 */
class ContractCoverageTest extends ContractCoverage {

	ContractCoverageTest() {
		super("email-fn", "dev.ordersaga.email", EmailEventTypes.EMAIL_EVENTS.types(),
				union(EmailEventTypes.PROFILE_EVENTS.types(), EmailEventTypes.ORDER_EVENTS.types(),
						EmailEventTypes.PAYMENT_EVENTS.types()));
	}

}
