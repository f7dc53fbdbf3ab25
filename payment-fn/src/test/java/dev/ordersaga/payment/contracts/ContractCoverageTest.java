package dev.ordersaga.payment.contracts;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ordersaga.contracts.ConsumerTests;
import dev.ordersaga.contracts.ContractCatalog;
import dev.ordersaga.contracts.EventContract;
import dev.ordersaga.payment.messaging.PaymentEventTypes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard: payment-fn cannot publish or read a {@code ce_type} that no contract pins,
 * and every contract it consumes has a consumer test. Event catalogs are the only way in
 * and out ({@code EventCatalog.typeOf} refuses unregistered records, decoding skips
 * unknown types), so a type added to one without a contract turns this test red.
 */
class ContractCoverageTest {

	static final String SERVICE = "payment-fn";

	static final ContractCatalog CONTRACTS = ContractCatalog.fromStubsOnClasspath();

	static final Set<String> PUBLISHED = PaymentEventTypes.PAYMENT_EVENTS.types();

	static final Set<String> CONSUMED = PaymentEventTypes.ORDER_EVENTS.types();

	@Test
	void everyTypePaymentFnPublishesHasAConsumerContract() {
		assertThat(CONTRACTS.uncontractedPublished(SERVICE, PUBLISHED))
			.as("published by %s without a contract in contracts/%s/<consumer>/", SERVICE, SERVICE)
			.isEmpty();
	}

	@Test
	void everyTypePaymentFnReadsHasAContractWithItsProducer() {
		assertThat(CONTRACTS.uncontractedConsumed(SERVICE, CONSUMED))
			.as("read by %s without a contract in contracts/<producer>/%s/", SERVICE, SERVICE)
			.isEmpty();
	}

	@Test
	void noContractPinsATypePaymentFnDoesNotHandle() {
		assertThat(CONTRACTS.publishedBy(SERVICE)).extracting(EventContract::type).allMatch(PUBLISHED::contains);
		assertThat(CONTRACTS.consumedBy(SERVICE)).extracting(EventContract::type).allMatch(CONSUMED::contains);
	}

	@Test
	void everyContractPaymentFnConsumesHasExactlyOneConsumerTest() {
		List<String> tested = ConsumerTests.labelsTestedIn("dev.ordersaga.payment");

		assertThat(tested).containsExactlyInAnyOrderElementsOf(
				CONTRACTS.consumedBy(SERVICE).stream().map(EventContract::label).toList());
	}

}
