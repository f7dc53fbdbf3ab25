package dev.ordersaga.payment.contracts;

import java.time.Clock;

import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.contracts.ConsumerContract;
import dev.ordersaga.contracts.ContractCatalog;
import dev.ordersaga.contracts.ContractUnderTest;
import dev.ordersaga.contracts.EventContract;
import dev.ordersaga.contracts.WireMutations;
import dev.ordersaga.payment.OrderId;
import dev.ordersaga.payment.Payment;
import dev.ordersaga.payment.Payments;
import dev.ordersaga.support.testing.EmbeddedMongo;
import dev.ordersaga.support.testing.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.contract.stubrunner.StubTrigger;
import org.springframework.cloud.contract.stubrunner.spring.AutoConfigureStubRunner;
import org.springframework.cloud.contract.stubrunner.spring.StubRunnerProperties;
import org.springframework.cloud.contract.verifier.messaging.boot.AutoConfigureMessageVerifier;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.ordersaga.support.testing.TestEvents.event;

/**
 * The one Spring context of all contract tests of payment-fn, producer side (the tests
 * the plugin generates from {@code contracts/payment-fn/}) and consumer side (order-fn's
 * stubs fed into {@code settlePayment}): the test binder in place of Kafka, an
 * {@link InMemoryProvider} in place of the payment provider, and a database of its own on
 * the shared embedded MongoDB.
 */
@SpringBootTest
@EnableTestBinder
@AutoConfigureMessageVerifier
@Import({ WireMutations.Hook.class, InMemoryProvider.Replacement.class })
@AutoConfigureStubRunner(ids = "dev.ordersaga:order-fn:+:stubs", stubsMode = StubRunnerProperties.StubsMode.CLASSPATH)
public abstract class ContractTestBase {

	static final ContractCatalog CONTRACTS = ContractCatalog.fromStubsOnClasspath();

	@Autowired
	protected InputDestination input;

	@Autowired
	protected OutputDestination output;

	@Autowired
	protected StubTrigger stubs;

	@Autowired
	protected Payments payments;

	@Autowired
	protected JsonMapper json;

	@Autowired
	protected Clock clock;

	@Autowired
	protected InMemoryProvider provider;

	@RegisterExtension
	final ContractUnderTest underTest = new ContractUnderTest(CONTRACTS);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> EmbeddedMongo.uri("payment-fn-contracts"));
		TestIssuer.register(registry);
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
		output.clear();
		underTest.trigger(stubs::trigger);
	}

	protected Payment payment(String orderId) {
		return payments.findById(OrderId.of(orderId))
			.orElseThrow(() -> new AssertionError("no payment stored for order " + orderId));
	}

	/** order-fn approves the order: {@code settlePayment} charges it. */
	protected void approve(String orderId, String customerId, String token) {
		input.send(event("order.approved.v1", orderId, """
				{"orderId":"%s","customerId":"%s","total":{"amount":30000,"currency":"KRW"},"paymentMethod":"%s",
				 "payBy":"%s"}""".formatted(orderId, customerId, token, clock.instant().plusSeconds(900))),
				"order-events");
	}

}
