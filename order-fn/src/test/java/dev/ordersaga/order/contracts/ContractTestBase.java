package dev.ordersaga.order.contracts;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.contracts.ConsumerContract;
import dev.ordersaga.contracts.ContractCatalog;
import dev.ordersaga.contracts.ContractUnderTest;
import dev.ordersaga.contracts.EventContract;
import dev.ordersaga.contracts.WireMutations;
import dev.ordersaga.order.CustomerId;
import dev.ordersaga.order.Order;
import dev.ordersaga.order.OrderId;
import dev.ordersaga.order.OrderLine;
import dev.ordersaga.order.OrderProperties;
import dev.ordersaga.order.OrderStatus;
import dev.ordersaga.order.Orders;
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
import org.springframework.messaging.Message;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one Spring context of all contract tests of order-fn, producer side (the tests the
 * plugin generates from {@code contracts/order-fn/}) and consumer side (the stubs of
 * customer-fn and payment-fn fed into the real input bindings): the test binder in place
 * of Kafka and a database of its own on the shared embedded MongoDB, so that no other
 * cached context's outbox relay publishes what these tests wait for.
 */
@SpringBootTest(properties = "saga.outbox.sweep-interval=200ms")
@EnableTestBinder
@AutoConfigureMockMvc
@AutoConfigureMessageVerifier
@Import({ WireMutations.Hook.class, OperatorMockMvc.class })
@AutoConfigureStubRunner(ids = { "dev.ordersaga:customer-fn:+:stubs", "dev.ordersaga:payment-fn:+:stubs" },
		stubsMode = StubRunnerProperties.StubsMode.CLASSPATH)
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
	protected Orders orders;

	@Autowired
	protected MongoTemplate mongo;

	@Autowired
	protected JsonMapper json;

	@Autowired
	protected Clock clock;

	@Autowired
	protected OrderProperties properties;

	@RegisterExtension
	final ContractUnderTest underTest = new ContractUnderTest(CONTRACTS);

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> EmbeddedMongo.uri("order-fn-contracts"));
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

	/** The next event order-fn published on {@code order-events}. */
	protected Message<byte[]> nextOrderEvent() {
		Message<byte[]> message = output.receive(RELAYED.toMillis(), "order-events");
		assertThat(message).as("an event on order-events").isNotNull();
		return message;
	}

	/** An order as placed over HTTP, without its creation event (already published). */
	protected Order pendingOrder(String orderId, String customerId) {
		Order order = Order
			.place(OrderId.of(orderId), CustomerId.of(customerId), "tok_visa",
					List.of(new OrderLine("BOOK-1", 2, Money.of(15_000, "KRW"))), null, clock.instant(),
					properties.deadline())
			.order();
		orders.insert(order, List.of());
		return orders.findById(order.id()).orElseThrow();
	}

	protected Order approvedOrder(String orderId) {
		Order pending = pendingOrder(orderId, UUID.randomUUID().toString());
		Order approved = pending.approve(clock.instant()).order();
		assertThat(orders.update(pending, approved, List.of())).isTrue();
		return orders.findById(pending.id()).orElseThrow();
	}

	protected OrderStatus statusOf(String orderId) {
		return orders.findById(OrderId.of(orderId)).orElseThrow().status();
	}

	/**
	 * Waits until the relay published every event in the order's outbox: then the events
	 * are on the test binder's output.
	 */
	protected void awaitRelayed(String orderId) {
		await().atMost(RELAYED).until(() -> {
			Document order = mongo.findOne(Query.query(Criteria.where("_id").is(orderId)), Document.class, "orders");
			// fn-support's OutboxEntry.FIELD: the array the relay empties once the broker
			// took the events
			List<?> outbox = order == null ? null : order.getList("outbox", Object.class);
			return order != null && (outbox == null || outbox.isEmpty());
		});
	}

}
