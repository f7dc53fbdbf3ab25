package dev.ordersaga.email.contracts;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.ordersaga.contracts.ConsumerTests;
import dev.ordersaga.contracts.ContractCatalog;
import dev.ordersaga.contracts.EventContract;
import dev.ordersaga.email.messaging.EmailEventTypes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard: email-fn cannot publish or read a {@code ce_type} that no contract pins, and
 * every contract it consumes has a consumer test. Event catalogs are the only way in and
 * out ({@code EventCatalog.typeOf} refuses unregistered records, decoding skips unknown
 * types), so a type added to one without a contract turns this test red.
 */
class ContractCoverageTest {

	static final String SERVICE = "email-fn";

	static final ContractCatalog CONTRACTS = ContractCatalog.fromStubsOnClasspath();

	static final Set<String> PUBLISHED = EmailEventTypes.EMAIL_EVENTS.types();

	static final Set<String> CONSUMED = union(EmailEventTypes.PROFILE_EVENTS.types(),
			EmailEventTypes.ORDER_EVENTS.types(), EmailEventTypes.PAYMENT_EVENTS.types());

	@Test
	void everyTypeEmailFnPublishesHasAConsumerContract() {
		assertThat(CONTRACTS.uncontractedPublished(SERVICE, PUBLISHED))
			.as("published by %s without a contract in contracts/%s/<consumer>/", SERVICE, SERVICE)
			.isEmpty();
	}

	@Test
	void everyTypeEmailFnReadsHasAContractWithItsProducer() {
		assertThat(CONTRACTS.uncontractedConsumed(SERVICE, CONSUMED))
			.as("read by %s without a contract in contracts/<producer>/%s/", SERVICE, SERVICE)
			.isEmpty();
	}

	@Test
	void noContractPinsATypeEmailFnDoesNotHandle() {
		assertThat(CONTRACTS.publishedBy(SERVICE)).extracting(EventContract::type).allMatch(PUBLISHED::contains);
		assertThat(CONTRACTS.consumedBy(SERVICE)).extracting(EventContract::type).allMatch(CONSUMED::contains);
	}

	@Test
	void everyContractEmailFnConsumesHasExactlyOneConsumerTest() {
		List<String> tested = ConsumerTests.labelsTestedIn("dev.ordersaga.email");

		assertThat(tested).containsExactlyInAnyOrderElementsOf(
				CONTRACTS.consumedBy(SERVICE).stream().map(EventContract::label).toList());
	}

	@SafeVarargs
	private static Set<String> union(Set<String>... sets) {
		Set<String> all = new TreeSet<>();
		for (Set<String> set : sets) {
			all.addAll(set);
		}
		return all;
	}

}
