package dev.ordersaga.support.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * Turns event records into Kafka-ready messages with CloudEvents binary-mode headers, and
 * incoming messages back into records of the consumer's own event family.
 */
public class EventCodec {

	private static final Logger log = LoggerFactory.getLogger(EventCodec.class);

	private final JsonMapper json;

	private final Validator validator;

	private final String source;

	/**
	 * @param source the {@code ce_source} of every event this service emits, e.g.
	 * {@code /order-fn}
	 */
	public EventCodec(JsonMapper json, Validator validator, String source) {
		this.json = json;
		this.validator = validator;
		this.source = source;
	}

	public String source() {
		return source;
	}

	/**
	 * Decodes one incoming record.
	 * @return the event, or empty when its {@code ce_type} is not one the consumer reads
	 * (tolerant reader)
	 * @throws PoisonMessageException when the record can never be processed
	 */
	public <T> Optional<InboundEvent<T>> decode(Message<?> message, EventCatalog<T> catalog) {
		EventMetadata metadata = EventMetadata.from(message.getHeaders());
		Optional<Class<? extends T>> target = catalog.classOf(metadata.type());
		if (target.isEmpty()) {
			log.debug("Ignoring event {} of type {} this consumer does not read", metadata.id(), metadata.type());
			return Optional.empty();
		}
		T data = read(body(message), target.get(), metadata);
		Set<ConstraintViolation<T>> violations = validator.validate(data);
		if (!violations.isEmpty()) {
			throw new PoisonMessageException("Invalid " + metadata.type() + " event " + metadata.id() + ": "
					+ violations.stream()
						.map(v -> v.getPropertyPath() + " " + v.getMessage())
						.sorted()
						.collect(Collectors.joining(", ")));
		}
		return Optional.of(new InboundEvent<>(metadata, data));
	}

	public byte[] serialize(Object data) {
		return json.writeValueAsBytes(data);
	}

	public Message<byte[]> encode(OutgoingEvent event) {
		return toMessage(event.id(), event.type(), event.subject(), event.time(), serialize(event.data()));
	}

	/**
	 * Builds the message the binder publishes: JSON body, CloudEvents attributes as UTF-8
	 * string headers and the subject as Kafka record key.
	 */
	public Message<byte[]> toMessage(String id, String type, String subject, Instant time, byte[] body) {
		return MessageBuilder.withPayload(body)
			.setHeader(CloudEventHeaders.ID, id)
			.setHeader(CloudEventHeaders.TYPE, type)
			.setHeader(CloudEventHeaders.SOURCE, source)
			.setHeader(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0)
			.setHeader(CloudEventHeaders.TIME, time.toString())
			.setHeader(CloudEventHeaders.SUBJECT, subject)
			.setHeader(KafkaHeaders.KEY, subject.getBytes(StandardCharsets.UTF_8))
			.setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
			.build();
	}

	private <T> T read(byte[] body, Class<T> type, EventMetadata metadata) {
		try {
			T value = json.readValue(body, type);
			if (value == null) {
				throw new PoisonMessageException("Empty body on " + metadata.type() + " event " + metadata.id());
			}
			return value;
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new PoisonMessageException(
					"Unreadable " + metadata.type() + " event " + metadata.id() + ": " + rootMessage(ex), ex);
		}
	}

	private static byte[] body(Message<?> message) {
		return switch (message.getPayload()) {
			case byte[] bytes -> bytes;
			case String text -> text.getBytes(StandardCharsets.UTF_8);
			default -> throw new PoisonMessageException(
					"Unexpected payload type " + message.getPayload().getClass().getName());
		};
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root instanceof JacksonException jackson ? jackson.getOriginalMessage() : root.getMessage();
		return message == null ? root.getClass().getSimpleName() : message;
	}

}
