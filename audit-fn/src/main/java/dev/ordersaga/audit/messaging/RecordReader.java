package dev.ordersaga.audit.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.audit.AuditProperties;
import dev.ordersaga.audit.DeadLetter;
import dev.ordersaga.audit.Position;
import dev.ordersaga.audit.RecordReplay;
import dev.ordersaga.audit.SagaEvent;
import dev.ordersaga.audit.TraceContext;
import dev.ordersaga.support.events.CloudEventHeaders;

import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.stereotype.Component;

/**
 * Reads a Kafka record into the audit's terms. Never throws for what a producer put in a
 * record: the audit must see everything and block nothing, so an unreadable body simply
 * yields no facts.
 */
@Component
class RecordReader {

	private static final Logger log = LoggerFactory.getLogger(RecordReader.class);

	/**
	 * Body fields kept as they are; anything else (payment tokens above all) is dropped.
	 */
	private static final Set<String> PLAIN_FACTS = Set.of("customerId", "paymentId", "reason", "kind", "payBy",
			"createdAt", "approvedAt", "completedAt", "cancelledAt", "processedAt", "failedAt", "refundedAt", "sentAt",
			"messageId", "detail", "attempts");

	/** Money fields, kept as {@code "30000 KRW"}. */
	private static final Set<String> MONEY_FACTS = Set.of("total", "amount", "requested", "available",
			"availableAfter");

	private static final int MAX_TEXT = 500;

	private final JsonMapper json;

	private final Clock clock;

	private final Set<String> sagaTopics;

	private final MeterRegistry meters;

	RecordReader(JsonMapper json, Clock clock, AuditProperties properties, MeterRegistry meters) {
		this.json = json;
		this.clock = clock;
		this.sagaTopics = Set.copyOf(properties.sagaTopics());
		this.meters = meters;
	}

	/**
	 * @return the event, or empty for a record that is no saga event: no CloudEvent (no
	 * {@code ce_id}, {@code ce_type} or order id), or a body that is not a JSON object
	 * (every saga event's is). It is counted and left to the dead-letter topics of the
	 * services that fail on it.
	 */
	Optional<SagaEvent> event(Message<byte[]> message) {
		MessageHeaders headers = message.getHeaders();
		Position position = position(headers);
		String id = CloudEventHeaders.read(headers, "id");
		String type = CloudEventHeaders.read(headers, "type");
		String orderId = orderId(headers);
		if (id == null || type == null || orderId == null) {
			log.debug("Record {} is not a saga event (ce_id {}, ce_type {}, order {})", position, id, type, orderId);
			meters.counter("saga.audit.malformed", "topic", position.topic()).increment();
			return Optional.empty();
		}
		if (!jsonObject(message.getPayload())) {
			log.debug("Record {} ({} {}) is not a saga event: its body is not a JSON object", position, type, id);
			meters.counter("saga.audit.malformed", "topic", position.topic()).increment();
			return Optional.empty();
		}
		Instant observedAt = clock.instant();
		Instant time = parseInstant(CloudEventHeaders.read(headers, "time"))
			.orElseGet(() -> recordTime(headers, observedAt));
		return Optional.of(new SagaEvent(id, orderId, type, CloudEventHeaders.read(headers, "source"), time, position,
				TraceContext.parse(text(headers.get(CloudEventHeaders.TRACEPARENT))).orElse(null), observedAt,
				facts(message.getPayload()), 1));
	}

	/** Tells the progress that the record was read and recorded. */
	void recorded(Message<byte[]> message, ReadProgress progress) {
		MessageHeaders headers = message.getHeaders();
		Position position = position(headers);
		progress.recorded(position.topic(), position.partition(), position.offset(),
				recordTime(headers, Instant.EPOCH));
	}

	DeadLetter deadLetter(Message<byte[]> message) {
		MessageHeaders headers = message.getHeaders();
		Position position = position(headers);
		String originalTopic = text(headers.get(KafkaMessageChannelBinder.X_ORIGINAL_TOPIC));
		Position original = originalTopic == null ? null
				: new Position(originalTopic, (int) number(headers.get(KafkaMessageChannelBinder.X_ORIGINAL_PARTITION)),
						number(headers.get(KafkaMessageChannelBinder.X_ORIGINAL_OFFSET)));
		String fromTopic = originalTopic != null ? originalTopic : position.topic().endsWith(".dlq")
				? position.topic().substring(0, position.topic().length() - 4) : position.topic();
		Instant observedAt = clock.instant();
		DeadLetter letter = new DeadLetter(position, sagaTopics.contains(fromTopic) ? orderId(headers) : null, original,
				CloudEventHeaders.read(headers, "id"), CloudEventHeaders.read(headers, "type"),
				shorten(text(headers.get(KafkaMessageChannelBinder.X_EXCEPTION_MESSAGE))),
				text(headers.get(KafkaMessageChannelBinder.X_EXCEPTION_FQCN)), recordTime(headers, observedAt),
				observedAt);
		// a replay that failed again: it names the dead letter it replayed
		String replayOf = text(headers.get(RecordReplay.REPLAY_OF));
		return letter.read(shorten(text(headers.get(KafkaHeaders.RECEIVED_KEY))),
				replayOf == null || replayOf.isBlank() ? null : replayOf);
	}

	private static Position position(MessageHeaders headers) {
		String topic = text(headers.get(KafkaHeaders.RECEIVED_TOPIC));
		return new Position(topic == null ? "(unknown)" : topic,
				(int) number(headers.get(KafkaHeaders.RECEIVED_PARTITION)), number(headers.get(KafkaHeaders.OFFSET)));
	}

	private static String orderId(MessageHeaders headers) {
		String subject = CloudEventHeaders.read(headers, "subject");
		if (subject != null) {
			return subject;
		}
		String key = text(headers.get(KafkaHeaders.RECEIVED_KEY));
		return key == null || key.isBlank() ? null : key;
	}

	private static Instant recordTime(MessageHeaders headers, Instant fallback) {
		Object timestamp = headers.get(KafkaHeaders.RECEIVED_TIMESTAMP);
		return timestamp instanceof Long millis && millis > 0 ? Instant.ofEpochMilli(millis) : fallback;
	}

	private boolean jsonObject(byte[] body) {
		if (body == null || body.length == 0) {
			return false;
		}
		try {
			JsonNode tree = json.readTree(body);
			return tree != null && tree.isObject();
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	private Map<String, String> facts(byte[] body) {
		Map<String, String> facts = new LinkedHashMap<>();
		if (body == null || body.length == 0) {
			return facts;
		}
		JsonNode tree;
		try {
			tree = json.readTree(body);
		}
		catch (JacksonException ex) {
			return facts;
		}
		if (tree == null || !tree.isObject()) {
			return facts;
		}
		for (String name : List.copyOf(tree.propertyNames())) {
			JsonNode value = tree.get(name);
			if (PLAIN_FACTS.contains(name) && value.isValueNode() && !value.isNull()) {
				facts.put(name, shorten(value.asString()));
			}
			else if (MONEY_FACTS.contains(name) && value.isObject() && value.path("amount").isNumber()) {
				facts.put(name, value.path("amount").asString() + " " + value.path("currency").asString(""));
			}
		}
		return facts;
	}

	private static Optional<Instant> parseInstant(String value) {
		if (value == null) {
			return Optional.empty();
		}
		try {
			// stored with millisecond precision: judge what will be read back
			return Optional.of(Instant.parse(value).truncatedTo(ChronoUnit.MILLIS));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	static String text(Object value) {
		return switch (value) {
			case null -> null;
			case String text -> text;
			case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
			default -> value.toString();
		};
	}

	/**
	 * Dead-letter coordinates arrive as the binder writes them (4- or 8-byte big-endian
	 * numbers) or as text.
	 */
	static long number(Object value) {
		return switch (value) {
			case null -> -1;
			case Number number -> number.longValue();
			case byte[] bytes when bytes.length == Integer.BYTES -> ByteBuffer.wrap(bytes).getInt();
			case byte[] bytes when bytes.length == Long.BYTES -> ByteBuffer.wrap(bytes).getLong();
			default -> {
				try {
					yield Long.parseLong(text(value).trim());
				}
				catch (NumberFormatException ex) {
					yield -1;
				}
			}
		};
	}

	private static String shorten(String text) {
		return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
	}

}
