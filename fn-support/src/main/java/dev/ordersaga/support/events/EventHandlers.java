package dev.ordersaga.support.events;

import java.util.Optional;
import java.util.function.Function;

import org.springframework.messaging.Message;

/**
 * Builds the message-level function a binding invokes from an event-level handler: decode
 * by {@code ce_type} (unknown types are skipped), handle, encode the outcome. Keeps the
 * {@code @Bean} methods one line of glue.
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
		return message -> codec.decode(message, inputs).flatMap(handler).map(codec::encode).orElse(null);
	}

}
