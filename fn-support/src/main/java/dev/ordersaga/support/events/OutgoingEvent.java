package dev.ordersaga.support.events;

import java.time.Instant;
import java.util.Objects;

/**
 * An event ready to leave a service: body plus the CloudEvents attributes it will carry.
 *
 * @param id {@code ce_id}; derived deterministically (see {@link EventIds}) so that a
 * redelivered input re-emits an identical event that downstream consumers drop as a
 * duplicate
 * @param type {@code ce_type}
 * @param subject {@code ce_subject} and Kafka record key: the order id for saga events,
 * so one order's events stay ordered on one partition
 * @param time {@code ce_time}
 * @param data the event record, serialised as the JSON body
 */
public record OutgoingEvent(String id, String type, String subject, Instant time, Object data) {

	public OutgoingEvent {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(data, "data");
	}
}
