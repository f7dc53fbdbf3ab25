package dev.ordersaga.support.events;

import java.util.Optional;
import java.util.function.Function;

import dev.ordersaga.support.logging.SagaLogContext;

import org.springframework.messaging.Message;

/**
 * Builds the message-level function a binding invokes from an event-level handler: decode
 * by {@code ce_type} (unknown types are skipped), handle, encode the outcome. Keeps the
 * {@code @Bean} methods one line of glue. Every line logged while one event is handled
 * carries its {@code ce_type}, {@code ce_id} and order id in the MDC
 * ({@link SagaLogContext}).
 */
public class EventHandlers {

	private final EventCodec codec;

	public EventHandlers(EventCodec codec) {
		this.codec = codec;
	}

	/**
	 * @param handler returns the outcome event, or empty when the input needs no answer
	 * @return a function that returns {@code null} (nothing published) when there is no
	 * outcome
	 */
	public <T> Function<Message<?>, Message<byte[]>> function(EventCatalog<T> inputs,
			Function<InboundEvent<T>, Optional<OutgoingEvent>> handler) {
		return message -> {
			try (SagaLogContext context = SagaLogContext.event(CloudEventHeaders.read(message.getHeaders(), "type"),
					CloudEventHeaders.read(message.getHeaders(), "id"),
					CloudEventHeaders.read(message.getHeaders(), "subject"))) {
				return codec.decode(message, inputs).flatMap(handler).map(codec::encode).orElse(null);
			}
		};
	}

}
