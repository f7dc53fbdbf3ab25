package dev.ordersaga.contracts;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard each service runs as its {@code ContractCoverageTest}: the service cannot
 * publish or read a {@code ce_type} that no contract pins, and every contract it consumes
 * has exactly one consumer test ({@link ConsumerContract}). The types come from the
 * service's event catalogs, the only way events get in or out
 * ({@code EventCatalog.typeOf} refuses unregistered records, decoding skips unknown
 * types), so a type added to one without a contract turns the guard red.
 */
public abstract class ContractCoverage {

	private static final ContractCatalog CONTRACTS = ContractCatalog.fromStubsOnClasspath();

	private final String service;

	private final String basePackage;

	private final Set<String> published;

	private final Set<String> consumed;

	/**
	 * @param service the service's name, its folder under {@code contracts/}, e.g.
	 * {@code order-fn}
	 * @param basePackage where its consumer tests live, e.g. {@code dev.ordersaga.order}
	 * @param published every {@code ce_type} the service can write
	 * @param consumed every {@code ce_type} the service reads
	 */
	protected ContractCoverage(String service, String basePackage, Collection<String> published,
			Collection<String> consumed) {
		this.service = service;
		this.basePackage = basePackage;
		this.published = new TreeSet<>(published);
		this.consumed = new TreeSet<>(consumed);
	}

	@Test
	public void everyTypeTheServicePublishesHasAConsumerContract() {
		assertThat(CONTRACTS.uncontractedPublished(service, published))
			.as("published by %s without a contract in contracts/%s/<consumer>/", service, service)
			.isEmpty();
	}

	@Test
	public void everyTypeTheServiceReadsHasAContractWithItsProducer() {
		assertThat(CONTRACTS.uncontractedConsumed(service, consumed))
			.as("read by %s without a contract in contracts/<producer>/%s/", service, service)
			.isEmpty();
	}

	@Test
	public void noContractPinsATypeTheServiceDoesNotHandle() {
		assertThat(CONTRACTS.publishedBy(service)).extracting(EventContract::type)
			.as("types in contracts/%s/ that %s does not publish", service, service)
			.allMatch(published::contains);
		assertThat(CONTRACTS.consumedBy(service)).extracting(EventContract::type)
			.as("types in contracts/<producer>/%s/ that %s does not read", service, service)
			.allMatch(consumed::contains);
	}

	@Test
	public void everyContractTheServiceConsumesHasExactlyOneConsumerTest() {
		List<String> tested = ConsumerTests.labelsTestedIn(basePackage);

		assertThat(tested).as("@ConsumerContract tests under %s", basePackage)
			.containsExactlyInAnyOrderElementsOf(
					CONTRACTS.consumedBy(service).stream().map(EventContract::label).toList());
	}

	/** The union of several event catalogs' types. */
	@SafeVarargs
	protected static Set<String> union(Set<String>... sets) {
		Set<String> all = new TreeSet<>();
		for (Set<String> set : sets) {
			all.addAll(set);
		}
		return all;
	}

}
