package dev.ordersaga.audit.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.audit.SagaEvent;
import dev.ordersaga.audit.SagaReport;
import dev.ordersaga.audit.ReadHorizon;
import dev.ordersaga.audit.Sagas;
import dev.ordersaga.contracts.ConsumerContract;
import dev.ordersaga.contracts.ContractCatalog;
import dev.ordersaga.contracts.ContractUnderTest;
import dev.ordersaga.contracts.EventContract;
import dev.ordersaga.support.testing.EmbeddedMongo;
import dev.ordersaga.support.testing.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.contract.stubrunner.StubTrigger;
import org.springframework.cloud.contract.stubrunner.spring.AutoConfigureStubRunner;
import org.springframework.cloud.contract.stubrunner.spring.StubRunnerProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one Spring context of audit-fn's consumer contract tests: every producer's stubs
 * ({@code contracts/<producer>/audit-fn/}) fed by Stub Runner into the real input binding
 * {@code auditEvents-in-0} on the test binder instead of Kafka, with a database of its
 * own on the shared embedded MongoDB. No grace period: a rule that waits for a
 * consequence judges at once, so a test sees what the audit makes of a single event.
 */
@SpringBootTest(properties = { "saga.audit.grace=0s", "saga.audit.sweep-interval=1h", "saga.audit.lag-interval=1h" })
@EnableTestBinder
@AutoConfigureStubRunner(
		ids = { "dev.ordersaga:order-fn:+:stubs", "dev.ordersaga:customer-fn:+:stubs",
				"dev.ordersaga:payment-fn:+:stubs", "dev.ordersaga:email-fn:+:stubs" },
		stubsMode = StubRunnerProperties.StubsMode.CLASSPATH)
@Import(ContractTestBase.EveryTopicRead.class)
public abstract class ContractTestBase {

	/**
	 * The test binder has no broker to tell read positions: every topic counts as read,
	 * so a rule judges a single event at once.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class EveryTopicRead {

		@Bean
		@Primary
		ReadHorizon everyTopicRead() {
			return ReadHorizon.COMPLETE;
		}

	}

	static final ContractCatalog CONTRACTS = ContractCatalog.fromStubsOnClasspath();

	static final Duration STORED = Duration.ofSeconds(10);

	@Autowired
	protected InputDestination input;

	@Autowired
	protected StubTrigger stubs;

	@Autowired
	protected Sagas sagas;

	@Autowired
	protected JsonMapper json;

	@RegisterExtension
	final ContractUnderTest underTest = new ContractUnderTest(CONTRACTS);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> EmbeddedMongo.uri("audit-fn-contracts"));
		TestIssuer.register(registry);
		// the dev issuer is on this test class path (the dashboard test signs in through
		// it); its auto-configuration stays out of audit-fn
		registry.add("spring.autoconfigure.exclude", ContractTestBase::authorizationServerAutoConfigurations);
	}

	private static String authorizationServerAutoConfigurations() {
		return ImportCandidates.load(AutoConfiguration.class, ContractTestBase.class.getClassLoader())
			.getCandidates()
			.stream()
			.filter(name -> name.contains(".oauth2.server.authorization."))
			.collect(Collectors.joining(","));
	}

	/** The contract named by the running test's {@link ConsumerContract}. */
	protected EventContract contractUnderTest() {
		return underTest.get();
	}

	/**
	 * Lets Stub Runner send the contract's stub message into the input binding of its
	 * destination.
	 */
	protected void triggerStub() {
		underTest.trigger(stubs::trigger);
	}

	/**
	 * The order the stub's event belongs to: audit-fn files events by {@code ce_subject}.
	 */
	protected String orderId() {
		return header(contractUnderTest(), "ce_subject");
	}

	/**
	 * Asserts that audit-fn filed the stub's event on its order's timeline as the
	 * contract promises: its id, type, producer and time from the CloudEvents headers,
	 * and every body field the contract names among its facts.
	 * @return the stored event
	 */
	protected SagaEvent assertFiledAsContracted() {
		return assertFiled(contractUnderTest(), orderId(), header(contractUnderTest(), "ce_id"));
	}

	protected SagaEvent assertFiled(EventContract contract, String orderId, String eventId) {
		SagaEvent event = await().atMost(STORED)
			.until(() -> sagas.find(orderId)
				.stream()
				.flatMap(saga -> saga.events().stream())
				.filter(stored -> stored.id().equals(eventId))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
		assertThat(event.type()).isEqualTo(contract.type());
		assertThat(event.producer()).isEqualTo(contract.producer());
		assertThat(event.time()).isEqualTo(Instant.parse(header(contract, "ce_time")));
		assertThat(event.facts()).containsAllEntriesOf(factsOf(contract));
		return event;
	}

	/**
	 * Publishes an event of the order as its producer would, to arrange what the stub's
	 * event is judged against.
	 * @param producer e.g. {@code order-fn}
	 */
	protected void publish(String topic, String producer, String type, String orderId, String body) {
		input.send(MessageBuilder.withPayload(body.getBytes(StandardCharsets.UTF_8))
			.setHeader("ce_id", UUID.randomUUID().toString())
			.setHeader("ce_type", type)
			.setHeader("ce_source", "/" + producer)
			.setHeader("ce_specversion", "1.0")
			.setHeader("ce_subject", orderId)
			.setHeader("ce_time", Instant.now().toString())
			.build(), topic);
	}

	/** The saga report audit-fn keeps for the order. */
	protected SagaReport report(String orderId) {
		return awaitReport(orderId, saga -> true);
	}

	/** The order's saga report, once it meets the condition. */
	protected SagaReport awaitReport(String orderId, Predicate<SagaReport> condition) {
		return await().atMost(STORED)
			.until(() -> sagas.find(orderId).map(Sagas.Stored::report), saga -> saga.filter(condition).isPresent())
			.orElseThrow();
	}

	/**
	 * What audit-fn keeps of the contract's body: each field as text, money as
	 * {@code "30000 KRW"}.
	 */
	static Map<String, String> factsOf(EventContract contract) {
		Map<String, String> facts = new LinkedHashMap<>();
		contract.exampleBody()
			.forEach((field, value) -> facts.put(field, value instanceof Map<?, ?> money
					? money.get("amount") + " " + money.get("currency") : String.valueOf(value)));
		return facts;
	}

	static String header(EventContract contract, String name) {
		return String.valueOf(contract.exampleHeaders().get(name));
	}

}
