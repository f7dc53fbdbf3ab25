package dev.ordersaga.audit.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.audit.AuditProperties;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/** What audit-fn takes for a saga event, and what it leaves to the dead-letter topics. */
class RecordReaderTest {

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final RecordReader reader = new RecordReader(JsonMapper.builder().build(),
			Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC),
			new AuditProperties(Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofSeconds(2),
					Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(5), List.of("audit-fn"),
					List.of("order-events"), 100),
			meters);

	@Test
	void readsACloudEventWithAJsonObjectBodyAsASagaEvent() {
		assertThat(reader.event(record("{\"reason\":\"CUSTOMER_REQUEST\"}"))).hasValueSatisfying(event -> {
			assertThat(event.orderId()).isEqualTo("order-1");
			assertThat(event.facts()).containsEntry("reason", "CUSTOMER_REQUEST");
		});
	}

	@Test
	void takesABodyThatIsNotAJsonObjectForNoSagaEventButCountsIt() {
		assertThat(reader.event(record("this is not JSON"))).isEmpty();
		assertThat(reader.event(record("[1,2]"))).isEmpty();
		assertThat(reader.event(record(""))).isEmpty();
		assertThat(meters.counter("saga.audit.malformed", "topic", "order-events").count()).isEqualTo(3);
	}

	private static Message<byte[]> record(String body) {
		return MessageBuilder.withPayload(body.getBytes(StandardCharsets.UTF_8))
			.setHeader("ce_id", "id-1")
			.setHeader("ce_type", "order.cancelled.v1")
			.setHeader("ce_subject", "order-1")
			.setHeader("ce_time", "2026-11-25T09:59:00Z")
			.setHeader(KafkaHeaders.RECEIVED_TOPIC, "order-events")
			.setHeader(KafkaHeaders.RECEIVED_PARTITION, 0)
			.setHeader(KafkaHeaders.OFFSET, 5L)
			.build();
	}

}
