package dev.ordersaga.payment.contracts;

import dev.ordersaga.contracts.ContractCoverage;
import dev.ordersaga.payment.messaging.PaymentEventTypes;

/**
 * The guard ({@link ContractCoverage}): payment-fn cannot publish or read a
 * {@code ce_type} that no contract pins, and every contract it consumes has a consumer
 * test.
 */
class ContractCoverageTest extends ContractCoverage {

	ContractCoverageTest() {
		super("payment-fn", "dev.ordersaga.payment", PaymentEventTypes.PAYMENT_EVENTS.types(),
				PaymentEventTypes.ORDER_EVENTS.types());
	}

}
