package dev.ordersaga.order.contracts;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.ordersaga.contracts.ConsumerTests;
import dev.ordersaga.contracts.ContractCatalog;
import dev.ordersaga.contracts.EventContract;
import dev.ordersaga.order.messaging.OrderEventTypes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard: order-fn cannot publish or read a {@code ce_type} that no contract pins, and
 * every contract it consumes has a consumer test. Event catalogs are the only way in and
 * out ({@code EventCatalog.typeOf} refuses unregistered records, decoding skips unknown
 * types), so a type added to one without a contract turns this test red.
 */
class ContractCoverageTest {

	static final String SERVICE = "order-fn";

	static final ContractCatalog CONTRACTS = ContractCatalog.fromStubsOnClasspath();

	static final Set<String> PUBLISHED = OrderEventTypes.ORDER_EVENTS.types();

	static final Set<String> CONSUMED = union(OrderEventTypes.CREDIT_EVENTS.types(),
			OrderEventTypes.PAYMENT_EVENTS.types());

	@Test
	void everyTypeOrderFnPublishesHasAConsumerContract() {
		assertThat(CONTRACTS.uncontractedPublished(SERVICE, PUBLISHED))
			.as("published by %s without a contract in contracts/%s/<consumer>/", SERVICE, SERVICE)
			.isEmpty();
	}

	@Test
	void everyTypeOrderFnReadsHasAContractWithItsProducer() {
		assertThat(CONTRACTS.uncontractedConsumed(SERVICE, CONSUMED))
			.as("read by %s without a contract in contracts/<producer>/%s/", SERVICE, SERVICE)
			.isEmpty();
	}

	@Test
	void noContractPinsATypeOrderFnDoesNotHandle() {
		assertThat(CONTRACTS.publishedBy(SERVICE)).extracting(EventContract::type).allMatch(PUBLISHED::contains);
		assertThat(CONTRACTS.consumedBy(SERVICE)).extracting(EventContract::type).allMatch(CONSUMED::contains);
	}

	@Test
	void everyContractOrderFnConsumesHasExactlyOneConsumerTest() {
		List<String> tested = ConsumerTests.labelsTestedIn("dev.ordersaga.order");

		assertThat(tested).containsExactlyInAnyOrderElementsOf(
				CONTRACTS.consumedBy(SERVICE).stream().map(EventContract::label).toList());
	}

	private static Set<String> union(Set<String> first, Set<String> second) {
		Set<String> all = new TreeSet<>(first);
		all.addAll(second);
		return all;
	}

}
