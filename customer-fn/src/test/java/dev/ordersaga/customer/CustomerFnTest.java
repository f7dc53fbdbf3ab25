package dev.ordersaga.customer;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

import dev.ordersaga.support.money.Money;
import dev.ordersaga.support.testing.EmbeddedMongo;
import dev.ordersaga.support.testing.QueryShapes;
import dev.ordersaga.support.testing.OperatorMockMvc;
import dev.ordersaga.support.testing.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.ordersaga.support.events.CloudEventHeaders.SUBJECT;
import static org.awaitility.Awaitility.await;

/**
 * The one Spring context every integration test of this module shares (same annotations
 * and properties, so the test-context cache starts it once): the shared embedded MongoDB
 * and the test binder in place of Kafka.
 * <p>
 * Tests never clean the database; each works on customers of its own.
 */
@SpringBootTest
@EnableTestBinder
@AutoConfigureMockMvc
@Import({ QueryShapes.Recording.class, OperatorMockMvc.class })
public abstract class CustomerFnTest {

	@Autowired
	protected CustomerManagement management;

	@Autowired
	protected OutputDestination output;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> EmbeddedMongo.uri("customer-fn"));
		TestIssuer.register(registry);
	}

	protected Customer customerWithLimit(long amount, String currency) {
		return management.register("Customer One", "one@example.com", "ko", Money.of(amount, currency));
	}

	protected Customer reload(Customer customer) {
		return management.find(customer.id()).orElseThrow();
	}

	protected static OrderId newOrder() {
		return new OrderId(UUID.randomUUID());
	}

	/**
	 * Waits for the next message on {@code destination} about {@code subject}; messages
	 * about other subjects (left by other tests, e.g. profile events the outbox relay
	 * publishes in the background) are skipped.
	 */
	protected Message<byte[]> next(String destination, String subject, Duration timeout) {
		return await().atMost(timeout)
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> received(destination, subject), Objects::nonNull);
	}

	private Message<byte[]> received(String destination, String subject) {
		Message<byte[]> message;
		while ((message = output.receive(0, destination)) != null) {
			if (subject.equals(message.getHeaders().get(SUBJECT))) {
				return message;
			}
		}
		return null;
	}

}
