package dev.ordersaga.email.contracts;

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
import dev.ordersaga.email.OrderId;
import dev.ordersaga.email.TestSmtp;
import dev.ordersaga.email.contact.Contacts;
import dev.ordersaga.email.sending.Email;
import dev.ordersaga.email.sending.EmailKind;
import dev.ordersaga.email.sending.Emails;
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
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * The one Spring context of all contract tests of email-fn, producer side (the tests the
 * plugin generates from {@code contracts/email-fn/}) and consumer side (the stubs of
 * customer-fn, order-fn and payment-fn fed into the real input bindings): the test binder
 * in place of Kafka, the JVM's GreenMail SMTP server, and a database of its own on the
 * shared embedded MongoDB, so that no other cached context's relay or dispatcher touches
 * what these tests wait for. The contact wait stays at its default (minutes): e-mails the
 * consumer tests request without a profile wait quietly instead of failing mid-test.
 */
@SpringBootTest(properties = { "saga.outbox.sweep-interval=200ms", "saga.email.dispatch.interval=200ms" })
@EnableTestBinder
@AutoConfigureMessageVerifier
@Import(WireMutations.Hook.class)
@AutoConfigureStubRunner(ids = { "dev.ordersaga:customer-fn:+:stubs", "dev.ordersaga:order-fn:+:stubs",
		"dev.ordersaga:payment-fn:+:stubs" }, stubsMode = StubRunnerProperties.StubsMode.CLASSPATH)
public abstract class ContractTestBase {

	static final ContractCatalog CONTRACTS = ContractCatalog.fromStubsOnClasspath();

	static final Duration SENT = Duration.ofSeconds(20);

	@Autowired
	protected InputDestination input;

	@Autowired
	protected OutputDestination output;

	@Autowired
	protected StubTrigger stubs;

	@Autowired
	protected Emails emails;

	@Autowired
	protected Contacts contacts;

	@Autowired
	protected MongoTemplate mongo;

	@Autowired
	protected JsonMapper json;

	@RegisterExtension
	final ContractUnderTest underTest = new ContractUnderTest(CONTRACTS);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> EmbeddedMongo.uri("email-fn-contracts"));
		TestIssuer.register(registry);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", TestSmtp::port);
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

	protected Email email(String orderId, EmailKind kind) {
		return emails.findById(Email.idOf(OrderId.of(orderId), kind))
			.orElseThrow(() -> new AssertionError("no " + kind + " e-mail requested for order " + orderId));
	}

	/**
	 * Waits until the relay published the outcome in the e-mail's outbox: then it is on
	 * the test binder's output.
	 */
	protected void awaitRelayed(String orderId, EmailKind kind) {
		String id = Email.idOf(OrderId.of(orderId), kind);
		await().atMost(SENT).until(() -> {
			Document email = mongo.findOne(Query.query(Criteria.where("_id").is(id)), Document.class, "emails");
			// fn-support's OutboxEntry.FIELD: the array the relay empties once the broker
			// took the events
			List<?> outbox = email == null ? null : email.getList("outbox", Object.class);
			return email != null && email.getString("status").matches("SENT|FAILED")
					&& (outbox == null || outbox.isEmpty());
		});
	}

}
