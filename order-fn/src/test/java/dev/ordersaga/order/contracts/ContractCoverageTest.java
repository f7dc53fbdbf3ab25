package dev.ordersaga.order.contracts;

import dev.ordersaga.contracts.ContractCoverage;
import dev.ordersaga.order.messaging.OrderEventTypes;

/**
 * The guard ({@link ContractCoverage}): order-fn cannot publish or read a {@code ce_type}
 * that no contract pins, and every contract it consumes has a consumer test.
 */
class ContractCoverageTest extends ContractCoverage {

	ContractCoverageTest() {
		super("order-fn", "dev.ordersaga.order", OrderEventTypes.ORDER_EVENTS.types(),
				union(OrderEventTypes.CREDIT_EVENTS.types(), OrderEventTypes.PAYMENT_EVENTS.types()));
	}

}
