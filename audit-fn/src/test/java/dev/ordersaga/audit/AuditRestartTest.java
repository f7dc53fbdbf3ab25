package dev.ordersaga.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restart safety: audit-fn stops consuming, events keep flowing meanwhile, its consumer
 * group is rewound to the beginning of every topic, and it starts again. It reads every
 * record a second time, yet loses nothing and counts nothing twice.
 */
@Order(3)
class AuditRestartTest extends AuditFnTestBase {

	static final List<String> BINDINGS = List.of("auditEvents-in-0", "auditDeadLetters-in-0");

	@Autowired
	BindingsLifecycleController bindings;

	@Test
	void reReadingEveryTopicAfterARestartLosesNothingAndCountsNothingTwice() throws Exception {
		SagaScript before = SagaScript.lateChargeRefunded(Instant.now());
		publish(before);
		publish(before.orderId, before.step("payment.processed.v1"));
		awaitSaga(before.orderId,
				saga -> "CONSISTENT".equals(saga.path("verdict").asString()) && saga.path("duplicates").asInt() == 1);
		await().atMost(WAIT).until(() -> consistency().at("/consumerLag/audit-fn/lag").asLong(-1) == 0);
		JsonNode counted = consistency();
		double reReadBefore = redelivered();

		BINDINGS.forEach(bindings::stop);
		SagaScript whileStopped = SagaScript.completed(Instant.now());
		publish(whileStopped);
		rewindAuditConsumerGroup();
		BINDINGS.forEach(bindings::start);

		awaitVerdict(whileStopped.orderId, "CONSISTENT");
		await().atMost(WAIT).until(() -> consistency().at("/consumerLag/audit-fn/lag").asLong(-1) == 0);
		JsonNode recounted = consistency();
		assertThat(recounted.at("/sagas/total").asLong()).isEqualTo(counted.at("/sagas/total").asLong() + 1);
		assertThat(recounted.at("/sagas/byState/COMPLETED").asLong())
			.isEqualTo(counted.at("/sagas/byState/COMPLETED").asLong() + 1);
		assertThat(recounted.at("/sagas/byState/CANCELLED").asLong())
			.isEqualTo(counted.at("/sagas/byState/CANCELLED").asLong());
		assertThat(recounted.path("events").asLong())
			.isEqualTo(counted.path("events").asLong() + whileStopped.steps().size());
		assertThat(recounted.path("duplicates")).isEqualTo(counted.path("duplicates"));
		assertThat(recounted.path("deadLetters")).isEqualTo(counted.path("deadLetters"));
		assertThat(recounted.path("violations")).isEqualTo(counted.path("violations"));
		assertThat(recounted.at("/latency/samples").asInt()).isEqualTo(counted.at("/latency/samples").asInt() + 1);
		assertThat(saga(before.orderId).path("duplicates").asInt()).isEqualTo(1);
		assertThat(redelivered() - reReadBefore).as("records read a second time")
			.isGreaterThanOrEqualTo(counted.path("events").asLong());
	}

	/**
	 * Records audit-fn read again and recognised
	 * (saga_audit_events_total{outcome="redelivered"}).
	 */
	private double redelivered() {
		String metrics = management().get().uri("/actuator/prometheus").retrieve().body(String.class);
		return metrics.lines()
			.filter(line -> line.startsWith("saga_audit_events_total{") && line.contains("outcome=\"redelivered\""))
			.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	/**
	 * Commits offset 0 for every partition the group had read; possible only once its
	 * consumers left.
	 */
	private void rewindAuditConsumerGroup() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
			Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> beginning = admin
				.listConsumerGroupOffsets("audit-fn")
				.partitionsToOffsetAndMetadata()
				.get()
				.keySet()
				.stream()
				.collect(Collectors.toMap(partition -> partition, partition -> new OffsetAndMetadata(0)));
			assertThat(beginning).isNotEmpty();
			await().atMost(WAIT)
				.ignoreExceptions()
				.untilAsserted(() -> admin.alterConsumerGroupOffsets("audit-fn", beginning).all().get());
		}
	}

}
