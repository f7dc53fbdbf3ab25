package dev.ordersaga.audit.contracts;

import java.util.Set;

import dev.ordersaga.audit.SagaEventTypes;
import dev.ordersaga.contracts.ContractCoverage;

/**
 * The guard ({@link ContractCoverage}): audit-fn publishes nothing, and cannot read a
 * {@code ce_type} its rules use without a contract with its producer; every such contract
 * has a consumer test.
 */
class ContractCoverageTest extends ContractCoverage {

	ContractCoverageTest() {
		super("audit-fn", "dev.ordersaga.audit", Set.of(), SagaEventTypes.READ);
	}

}
