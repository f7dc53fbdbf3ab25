package dev.ordersaga.customer.contracts;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.contracts.ConsumerContract;
import dev.ordersaga.contracts.ContractCatalog;
import dev.ordersaga.contracts.ContractUnderTest;
import dev.ordersaga.contracts.EventContract;
import dev.ordersaga.contracts.WireMutations;
import dev.ordersaga.customer.CreditLedger;
import dev.ordersaga.customer.Customer;
import dev.ordersaga.customer.CustomerId;
import dev.ordersaga.customer.Customers;
import dev.ordersaga.customer.OrderEvent;
import dev.ordersaga.customer.OrderId;
import dev.ordersaga.support.money.Money;
import dev.ordersaga.support.testing.EmbeddedMongo;
import dev.ordersaga.support.testing.OperatorMockMvc;
import dev.ordersaga.support.testing.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.contract.stubrunner.StubTrigger;
import org.springframework.cloud.contract.stubrunner.spring.AutoConfigureStubRunner;
import org.springframework.cloud.contract.stubrunner.spring.StubRunnerProperties;
import org.springframework.cloud.contract.verifier.messaging.boot.AutoConfigureMessageVerifier;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.awaitility.Awaitility.await;

/**
 * The one Spring context of all contract tests of customer-fn, producer side (the tests
 * the plugin generates from {@code contracts/customer-fn/}) and consumer side (order-fn's
 * stubs fed into {@code decideCredit}): the test binder in place of Kafka and a database
 * of its own on the shared embedded MongoDB, so that no other cached context's outbox
 * relay publishes what these tests wait for.
 */
@SpringBootTest(properties = "saga.outbox.sweep-interval=200ms")
@EnableTestBinder
@AutoConfigureMockMvc
@AutoConfigureMessageVerifier
@Import({ WireMutations.Hook.class, OperatorMockMvc.class })
@AutoConfigureStubRunner(ids = "dev.ordersaga:order-fn:+:stubs", stubsMode = StubRunnerProperties.StubsMode.CLASSPATH)
public abstract class ContractTestBase {

	static final ContractCatalog CONTRACTS = ContractCatalog.fromStubsOnClasspath();

	static final Duration RELAYED = Duration.ofSeconds(10);

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected InputDestination input;

	@Autowired
	protected OutputDestination output;

	@Autowired
	protected StubTrigger stubs;

	@Autowired
	protected Customers customers;

	@Autowired
	protected CreditLedger ledger;

	@Autowired
	protected MongoTemplate mongo;

	@Autowired
	protected JsonMapper json;

	@Autowired
	protected Clock clock;

	@RegisterExtension
	final ContractUnderTest underTest = new ContractUnderTest(CONTRACTS);

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> EmbeddedMongo.uri("customer-fn-contracts"));
		TestIssuer.register(registry);
	}

	/** The contract named by the running test's {@link ConsumerContract}. */
	protected EventContract contractUnderTest() {
		return underTest.get();
	}

	/**
	 * Lets Stub Runner send the contract's stub message into the input binding of its
	 * destination, after forgetting earlier output.
	 */
	protected void triggerStub() {
		output.clear();
		underTest.trigger(stubs::trigger);
	}

	/**
	 * A customer with the given credit limit whose profile event is already published.
	 */
	protected Customer customer(String customerId, long limit, String currency) {
		Customer customer = Customer.register(CustomerId.of(customerId), "Customer One", "one@example.com", "ko",
				Money.of(limit, currency), clock.instant());
		customers.insert(customer, List.of());
		return customer;
	}

	protected Customer reload(String customerId) {
		return customers.findById(CustomerId.of(customerId)).orElseThrow();
	}

	/** Reserves credit for an order as {@code order.created.v1} would. */
	protected void reserve(String orderId, String customerId, long amount) {
		ledger.on(new OrderEvent.OrderCreated(OrderId.of(orderId), CustomerId.of(customerId), Money.of(amount, "KRW"),
				clock.instant()));
	}

	/**
	 * Waits until the relay published every event in the customer's outbox: then the
	 * events are on the test binder's output.
	 */
	protected void awaitRelayed(String customerId) {
		await().atMost(RELAYED).until(() -> {
			Document customer = mongo.findOne(Query.query(Criteria.where("_id").is(customerId)), Document.class,
					"customers");
			// fn-support's OutboxEntry.FIELD: the array the relay empties once the broker
			// took the events
			List<?> outbox = customer == null ? null : customer.getList("outbox", Object.class);
			return customer != null && (outbox == null || outbox.isEmpty());
		});
	}

}
