package dev.ordersaga.support.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.ordersaga.support.testing.EmbeddedMongo;
import dev.ordersaga.support.testing.KafkaTopics;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A function whose results are sent asynchronously ({@code producer.sync: false}), on a
 * real broker: its input offsets are committed only once the broker took its results.
 */
@SpringBootTest(classes = SendsBeforeCommitTest.EchoApplication.class,
		properties = { "spring.application.name=sends-test",
				"spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
				"spring.cloud.stream.kafka.binder.min-partition-count=2", "spring.cloud.function.definition=echo",
				"spring.cloud.stream.bindings.echo-in-0.destination=sends-in",
				"spring.cloud.stream.bindings.echo-in-0.group=sends-test",
				"spring.cloud.stream.bindings.echo-in-0.consumer.concurrency=1",
				"spring.cloud.stream.bindings.echo-out-0.destination=sends-out",
				"spring.cloud.stream.kafka.bindings.echo-out-0.producer.sync=false",
				"spring.cloud.stream.kafka.bindings.echo-in-0.consumer.dlq-name=sends-in.dlq",
				"saga.messaging.retry.initial-interval=50ms", "saga.messaging.retry.max-interval=200ms" })
@EmbeddedKafka(partitions = 2, topics = { "sends-in", "sends-out", "sends-in.dlq" })
class SendsBeforeCommitTest {

	/** While set, the echo of "big" is larger than the output topic accepts. */
	static final AtomicBoolean OVERSIZED = new AtomicBoolean();

	static final AtomicInteger BIG_ATTEMPTS = new AtomicInteger();

	@Autowired
	EmbeddedKafkaBroker broker;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> EmbeddedMongo.uri("sends-test"));
	}

	@AfterEach
	void reset() throws Exception {
		OVERSIZED.set(false);
		limitMessageSize("sends-out", 1_048_588);
	}

	@Test
	void sendsEveryResultOnceAndInOrderPerKey() {
		List<String> keys = List.of("order-1", "order-2", "order-3", "order-4");
		for (int i = 0; i < 50; i++) {
			for (String key : keys) {
				topics().publish("sends-in", key, Map.of(), key + "#" + i);
			}
		}

		awaitDrained();
		Map<String, List<String>> byKey = new LinkedHashMap<>();
		for (ConsumerRecord<String, byte[]> record : topics().records("sends-out")) {
			byKey.computeIfAbsent(record.key(), any -> new ArrayList<>()).add(KafkaTopics.body(record));
		}
		for (String key : keys) {
			List<String> expected = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				expected.add("echo " + key + "#" + i);
			}
			assertThat(byKey.get(key)).as("results for %s, in order", key).containsExactlyElementsOf(expected);
		}
	}

	@Test
	void doesNotCommitAnInputWhoseResultTheBrokerRefusedAndHandlesItAgain() throws Exception {
		limitMessageSize("sends-out", 512);
		OVERSIZED.set(true);
		int before = BIG_ATTEMPTS.get();

		topics().publish("sends-in", "order-big", Map.of(), "big");

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(BIG_ATTEMPTS.get() - before).as("attempts at the refused result")
				.isGreaterThanOrEqualTo(3));
		assertThat(topics().lag("sends-test", "sends-in")).as("the input stays uncommitted").isPositive();

		OVERSIZED.set(false);
		awaitDrained();
		assertThat(bodies("sends-out")).containsOnlyOnce("echo big");
		assertThat(bodies("sends-in.dlq")).doesNotContain("big");
	}

	private void limitMessageSize(String topic, int bytes) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
			Collection<AlterConfigOp> ops = List.of(new AlterConfigOp(
					new ConfigEntry("max.message.bytes", String.valueOf(bytes)), AlterConfigOp.OpType.SET));
			admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get();
		}
	}

	private void awaitDrained() {
		topics().awaitDrained("sends-test", "sends-in", Duration.ofSeconds(60));
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
				String result = "echo " + body;
				if (body.equals("big")) {
					BIG_ATTEMPTS.incrementAndGet();
					if (OVERSIZED.get()) {
						result = result + " " + "x".repeat(4096);
					}
				}
				return MessageBuilder.withPayload(result.getBytes(StandardCharsets.UTF_8))
					.setHeader(KafkaHeaders.KEY, message.getHeaders().get(KafkaHeaders.RECEIVED_KEY))
					.build();
			};
		}

	}

}
