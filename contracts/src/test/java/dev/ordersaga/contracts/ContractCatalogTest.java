package dev.ordersaga.contracts;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules every contract follows, checked before any service builds against them: the
 * folder layout, one label per (event, consumer), the CloudEvents headers, and one writer
 * per topic.
 */
class ContractCatalogTest {

	static final Path CONTRACTS = Path.of("src/main/resources/contracts");

	static final Set<String> SERVICES = Set.of("order-fn", "customer-fn", "payment-fn", "email-fn", "audit-fn");

	/** ARCHITECTURE §3: every topic has exactly one writer. */
	static final Map<String, String> WRITER_OF_TOPIC = Map.of("order-events", "order-fn", "customer-events",
			"customer-fn", "customer-profiles", "customer-fn", "payment-events", "payment-fn", "email-events",
			"email-fn");

	static final List<String> CLOUD_EVENTS_HEADERS = List.of("ce_id", "ce_type", "ce_source", "ce_specversion",
			"ce_time", "ce_subject");

	final ContractCatalog catalog = ContractCatalog.fromDirectory(CONTRACTS);

	@Test
	void findsEveryMessagingContractInTheSourceTree() {
		assertThat(catalog.events()).hasSizeGreaterThanOrEqualTo(21);
		assertThat(catalog.events()).extracting(EventContract::producer)
			.containsOnly("order-fn", "customer-fn", "payment-fn", "email-fn");
	}

	@Test
	void liesInAFolderOfAKnownProducerAndConsumer() {
		assertThat(catalog.events()).allSatisfy(event -> {
			assertThat(SERVICES).as(event.file()).contains(event.producer(), event.consumer());
			assertThat(event.consumer()).as(event.file()).isNotEqualTo(event.producer());
		});
	}

	@Test
	void isLabelledWithItsTypeAndConsumerSoThatLabelsAreUnique() {
		assertThat(catalog.events())
			.allSatisfy(event -> assertThat(event.label()).isEqualTo(event.type() + " for " + event.consumer()));
		assertThat(catalog.events().stream().map(EventContract::label)).doesNotHaveDuplicates();
	}

	@Test
	void isNamedAfterItsVersionedType() {
		assertThat(catalog.events()).allSatisfy(event -> {
			assertThat(event.type()).matches("[a-z]+(\\.[a-z-]+)+\\.v[0-9]+");
			assertThat(event.file()).isEqualTo(event.type().replaceAll("[.-]", "_") + ".groovy");
		});
	}

	@Test
	void carriesEveryCloudEventsHeaderWithTheProducerAsSource() {
		assertThat(catalog.events()).allSatisfy(event -> {
			assertThat(event.exampleHeaders()).as(event.file())
				.containsKeys(CLOUD_EVENTS_HEADERS.toArray(String[]::new));
			assertThat(event.exampleHeaders()).as(event.file())
				.containsEntry("ce_source", "/" + event.producer())
				.containsEntry("ce_specversion", "1.0");
		});
	}

	@Test
	void isSentToATopicItsProducerIsTheOnlyWriterOf() {
		assertThat(catalog.events()).allSatisfy(event -> assertThat(WRITER_OF_TOPIC.get(event.destination()))
			.as(event.file() + " sent to " + event.destination())
			.isEqualTo(event.producer()));
	}

	@Test
	void keepsOneTypeOnOneTopic() {
		Map<String, Set<String>> topicsByType = catalog.events()
			.stream()
			.collect(Collectors.groupingBy(EventContract::type,
					Collectors.mapping(EventContract::destination, Collectors.toSet())));

		assertThat(topicsByType).allSatisfy((type, topics) -> assertThat(topics).as(type).hasSize(1));
	}

	@Test
	void tellsWhichPublishedAndConsumedTypesLackAContract() {
		assertThat(catalog.uncontractedPublished("order-fn", List.of("order.created.v1", "order.shipped.v1")))
			.containsExactly("order.shipped.v1");
		assertThat(catalog.uncontractedConsumed("order-fn", List.of("credit.reserved.v1", "credit.released.v1")))
			.containsExactly("credit.released.v1");
	}

	@Test
	void exposesTheStubMessageAConsumerWillReceive() {
		EventContract created = catalog.byLabel("order.created.v1 for customer-fn");

		assertThat(created.destination()).isEqualTo("order-events");
		assertThat(created.exampleBody()).containsKeys("orderId", "customerId", "total");
		assertThat(created.example("orderId")).isEqualTo(created.exampleHeaders().get("ce_subject"));
	}

}
