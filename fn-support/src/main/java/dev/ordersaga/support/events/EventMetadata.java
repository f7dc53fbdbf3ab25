package dev.ordersaga.support.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.springframework.messaging.MessageHeaders;

/**
 * The CloudEvents attributes of one incoming event.
 *
 * @param id {@code ce_id}, unique per event; duplicates of one event share it
 * @param type {@code ce_type}, e.g. {@code order.created.v1}
 * @param source {@code ce_source}, the producing service
 * @param subject {@code ce_subject}, the aggregate the event is about (the order id for
 * saga events)
 * @param time {@code ce_time}, when the event happened
 */
public record EventMetadata(String id, String type, String source, String subject, Instant time) {

	/**
	 * @throws PoisonMessageException when the envelope lacks the attributes every saga
	 * event must carry
	 */
	public static EventMetadata from(MessageHeaders headers) {
		String type = CloudEventHeaders.read(headers, "type");
		String id = CloudEventHeaders.read(headers, "id");
		if (type == null) {
			throw new PoisonMessageException("Missing CloudEvents header ce_type: cannot tell what this record is");
		}
		if (id == null) {
			throw new PoisonMessageException("Missing CloudEvents header ce_id on a " + type + " event");
		}
		return new EventMetadata(id, type, CloudEventHeaders.read(headers, "source"),
				CloudEventHeaders.read(headers, "subject"), parseTime(CloudEventHeaders.read(headers, "time")));
	}

	private static Instant parseTime(String value) {
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}
}
