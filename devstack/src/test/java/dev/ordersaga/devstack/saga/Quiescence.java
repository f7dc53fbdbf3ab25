package dev.ordersaga.devstack.saga;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.devstack.SagaStack;
import dev.ordersaga.support.testing.KafkaTopics;

import static org.awaitility.Awaitility.await;

/**
 * Waits until the stack is at rest, so that an "exactly once" count cannot be overtaken
 * by a late duplicate: every service's consumer group has committed every record of every
 * saga topic, no outbox relay has anything announced and unpublished, email-fn has no
 * e-mail queued or being sent, and all of that has held, with no new record on any saga
 * topic and no new mail, for a quiet period.
 */
final class Quiescence {

	static final List<String> SAGA_TOPICS = List.of("order-events", "customer-events", "payment-events",
			"email-events");

	/** Every service's consumer group and the topics it reads. */
	static final Map<String, List<String>> GROUPS = Map.of("order-fn", List.of("customer-events", "payment-events"),
			"customer-fn", List.of("order-events"), "payment-fn", List.of("order-events"), "email-fn",
			List.of("order-events", "payment-events", "customer-profiles"));

	/** The services that publish through an outbox. */
	static final List<String> RELAYS = List.of("order-fn", "customer-fn", "email-fn");

	private static final Duration QUIET = Duration.ofSeconds(5);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SagaStack stack;

	private final KafkaTopics topics;

	private final Mailbox mailbox;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	Quiescence(SagaStack stack, KafkaTopics topics, Mailbox mailbox) {
		this.stack = stack;
		this.topics = topics;
		this.mailbox = mailbox;
	}

	void awaitQuiet(Duration limit) {
		String[] last = { "" };
		long[] quietSince = { System.nanoTime() };
		await().atMost(limit).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
			boolean idle = GROUPS.entrySet()
				.stream()
				.allMatch(group -> group.getValue().stream().allMatch(topic -> lag(group.getKey(), topic) == 0))
					&& RELAYS.stream().allMatch(service -> outboxPending(service) == 0) && mailbox.pending() == 0;
			String state = SAGA_TOPICS.stream().mapToLong(topic -> topics.records(topic).size()).sum() + "/"
					+ stack.mail().getReceivedMessages().length;
			if (!idle || !state.equals(last[0])) {
				last[0] = state;
				quietSince[0] = System.nanoTime();
				return false;
			}
			return System.nanoTime() - quietSince[0] >= QUIET.toNanos();
		});
	}

	/** Records of {@code topic} that {@code group} has not committed. */
	private long lag(String group, String topic) {
		return topics.lag(group, topic);
	}

	/** The {@code saga.outbox.pending} gauge of a service's relay. */
	private long outboxPending(String service) {
		try {
			HttpResponse<String> response = http.send(HttpRequest
				.newBuilder(URI.create(stack.managementUrl(service) + "/actuator/metrics/saga.outbox.pending"))
				.header("Authorization", stack.tokens().operator())
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(service + " metrics answered " + response.statusCode());
			}
			return (long) JSON.readTree(response.body()).path("measurements").path(0).path("value").asDouble();
		}
		catch (IOException ex) {
			throw new IllegalStateException(service + " metrics unavailable", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
