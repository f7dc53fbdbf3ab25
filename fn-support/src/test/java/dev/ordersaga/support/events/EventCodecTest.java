package dev.ordersaga.support.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import jakarta.validation.Validation;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

	sealed interface Ping {

	}

	record Pinged(@NotNull String orderId, long count) implements Ping {
	}

	static final EventCatalog<Ping> CATALOG = EventCatalog.of(Ping.class).type("ping.v1", Pinged.class).build();

	final EventCodec codec = new EventCodec(JsonMapper.builder().build(),
			Validation.buildDefaultValidatorFactory().getValidator(), "/test-fn");

	static Message<byte[]> message(String type, String body) {
		MessageBuilder<byte[]> builder = MessageBuilder.withPayload(body.getBytes(StandardCharsets.UTF_8))
			.setHeader("ce_id", "id-1".getBytes(StandardCharsets.UTF_8));
		if (type != null) {
			builder.setHeader("ce_type", type.getBytes(StandardCharsets.UTF_8));
		}
		return builder.build();
	}

	@Test
	void encodesCloudEventsBinaryModeHeadersAndKeysByTheSubject() {
		Message<byte[]> message = codec.encode(new OutgoingEvent("id-1", "ping.v1", "order-7",
				Instant.parse("2026-11-25T10:00:00Z"), new Pinged("order-7", 3)));

		assertThat(message.getHeaders()).containsEntry("ce_id", "id-1")
			.containsEntry("ce_type", "ping.v1")
			.containsEntry("ce_source", "/test-fn")
			.containsEntry("ce_specversion", "1.0")
			.containsEntry("ce_subject", "order-7")
			.containsEntry("ce_time", "2026-11-25T10:00:00Z");
		assertThat((byte[]) message.getHeaders().get(KafkaHeaders.KEY)).asString().isEqualTo("order-7");
		assertThat(new String(message.getPayload(), StandardCharsets.UTF_8))
			.isEqualTo("{\"orderId\":\"order-7\",\"count\":3}");
	}

	@Test
	void decodesKnownTypesFromRawHeaderBytesAndIgnoresUnknownFields() {
		Optional<InboundEvent<Ping>> event = codec
			.decode(message("ping.v1", "{\"orderId\":\"o-1\",\"count\":2,\"extra\":true}"), CATALOG);

		assertThat(event).get().satisfies(e -> {
			assertThat(e.data()).isEqualTo(new Pinged("o-1", 2));
			assertThat(e.metadata().id()).isEqualTo("id-1");
		});
	}

	@Test
	void skipsTypesTheConsumerDoesNotRead() {
		assertThat(codec.decode(message("pong.v1", "not even json"), CATALOG)).isEmpty();
	}

	@Test
	void classifiesUnprocessableRecordsAsPoison() {
		assertThatThrownBy(() -> codec.decode(message(null, "{}"), CATALOG)).isInstanceOf(PoisonMessageException.class)
			.hasMessageContaining("ce_type");
		assertThatThrownBy(() -> codec.decode(message("ping.v1", "not json"), CATALOG))
			.isInstanceOf(PoisonMessageException.class)
			.hasMessageContaining("Unreadable ping.v1");
		assertThatThrownBy(() -> codec.decode(message("ping.v1", "{\"count\":1}"), CATALOG))
			.isInstanceOf(PoisonMessageException.class)
			.hasMessageContaining("orderId");
	}

	@Test
	void derivesTheSameEventIdForTheSameSubjectAndType() {
		assertThat(EventIds.of("order-1", "order.approved.v1")).isEqualTo(EventIds.of("order-1", "order.approved.v1"))
			.isNotEqualTo(EventIds.of("order-1", "order.cancelled.v1"))
			.isNotEqualTo(EventIds.of("order-2", "order.approved.v1"));
	}

}
