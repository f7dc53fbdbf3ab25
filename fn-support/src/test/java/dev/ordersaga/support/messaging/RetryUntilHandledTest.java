package dev.ordersaga.support.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.ordersaga.support.events.PoisonMessageException;
import dev.ordersaga.support.testing.EmbeddedMongo;
import dev.ordersaga.support.testing.KafkaTopics;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A saga consumer with nothing but fn-support's defaults, on a real broker: its handler
 * fails the way a database outage or a lost optimistic-lock race makes it fail, more
 * often than the binding's {@code max-attempts}.
 */
@SpringBootTest(classes = RetryUntilHandledTest.EchoApplication.class,
		properties = { "spring.application.name=retry-test",
				"spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
				"spring.cloud.stream.kafka.binder.min-partition-count=1", "spring.cloud.function.definition=echo",
				"spring.cloud.stream.bindings.echo-in-0.destination=retry-in",
				"spring.cloud.stream.bindings.echo-in-0.group=retry-test",
				"spring.cloud.stream.bindings.echo-in-0.consumer.concurrency=1",
				"spring.cloud.stream.bindings.echo-out-0.destination=retry-out",
				"spring.cloud.stream.kafka.bindings.echo-in-0.consumer.dlq-name=retry-in.dlq",
				"saga.messaging.retry.initial-interval=50ms", "saga.messaging.retry.max-interval=200ms" })
@EmbeddedKafka(partitions = 1, topics = { "retry-in", "retry-out", "retry-in.dlq" })
class RetryUntilHandledTest {

	/** Failures still to come, per record body. */
	static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

	@Autowired
	EmbeddedKafkaBroker broker;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> EmbeddedMongo.uri("retry-test"));
	}

	@Test
	void handlesAValidRecordAgainUntilItSucceedsAndNeverDeadLettersIt() {
		FAILURES.put("outage", new AtomicInteger(8));
		FAILURES.put("lost-race", new AtomicInteger(6));

		topics().publish("retry-in", "a", Map.of(), "outage");
		topics().publish("retry-in", "b", Map.of(), "lost-race");

		awaitDrained();
		assertThat(bodies("retry-out")).containsOnlyOnce("handled outage", "handled lost-race");
		assertThat(FAILURES.get("outage")).hasValue(0);
		assertThat(bodies("retry-in.dlq")).doesNotContain("outage", "lost-race");
	}

	@Test
	void deadLettersPoisonAtOnceWithTheReasonAndHandlesWhatFollowsIt() {
		topics().publish("retry-in", "c", Map.of(), "poison");
		topics().publish("retry-in", "d", Map.of(), "after-poison");

		awaitDrained();
		List<ConsumerRecord<String, byte[]>> deadLetters = topics().records("retry-in.dlq");
		assertThat(deadLetters).hasSize(1);
		assertThat(KafkaTopics.body(deadLetters.getFirst())).isEqualTo("poison");
		assertThat(KafkaTopics.header(deadLetters.getFirst(), "x-exception-message")).isEqualTo("not a saga event");
		assertThat(KafkaTopics.header(deadLetters.getFirst(), "x-original-topic")).isEqualTo("retry-in");
		assertThat(FAILURES.get("poison")).as("attempts at the poison record").hasValue(-1);
		assertThat(bodies("retry-out")).contains("handled after-poison").doesNotContain("handled poison");
	}

	private void awaitDrained() {
		topics().awaitDrained("retry-test", "retry-in", Duration.ofSeconds(60));
	}

	private List<String> bodies(String topic) {
		return topics().bodies(topic);
	}

	private KafkaTopics topics() {
		return new KafkaTopics(broker.getBrokersAsString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EchoApplication {

		@Bean
		Function<Message<byte[]>, Message<byte[]>> echo() {
			return message -> {
				String body = new String(message.getPayload(), StandardCharsets.UTF_8);
				if (body.equals("poison")) {
					FAILURES.computeIfAbsent(body, any -> new AtomicInteger()).decrementAndGet();
					throw new PoisonMessageException("not a saga event");
				}
				AtomicInteger failures = FAILURES.getOrDefault(body, new AtomicInteger());
				if (failures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
					throw body.equals("outage") ? new DataAccessResourceFailureException("MongoDB is not reachable")
							: new OptimisticLockingFailureException("the document kept changing");
				}
				return MessageBuilder.withPayload(("handled " + body).getBytes(StandardCharsets.UTF_8)).build();
			};
		}

	}

}
