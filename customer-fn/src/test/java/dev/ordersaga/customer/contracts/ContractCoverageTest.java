package dev.ordersaga.customer.contracts;

import dev.ordersaga.contracts.ContractCoverage;
import dev.ordersaga.customer.messaging.CustomerEventTypes;

/**
 * The guard ({@link ContractCoverage}): customer-fn cannot publish or read a
 * {@code ce_type} that no contract pins, and every contract it consumes has a consumer
 * test.
 */
class ContractCoverageTest extends ContractCoverage {

	ContractCoverageTest() {
		super("customer-fn", "dev.ordersaga.customer",
				union(CustomerEventTypes.CREDIT_EVENTS.types(), CustomerEventTypes.PROFILE_EVENTS.types()),
				CustomerEventTypes.ORDER_EVENTS.types());
	}

}
