package dev.ordersaga.support.outbox;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;

/**
 * One event waiting in an aggregate document's {@code outbox} array.
 *
 * @param id the event's {@code ce_id}
 * @param type {@code ce_type}
 * @param binding the output binding that publishes it, e.g. {@code orderEvents}
 * @param subject Kafka key and {@code ce_subject}
 * @param time {@code ce_time}
 * @param body the JSON body, stored as text so that it is published byte for byte as
 * written
 */
public record OutboxEntry(String id, String type, String binding, String subject, Instant time, String body) {

	static final String FIELD = "outbox";

	Document toDocument() {
		return new Document("_id", id).append("type", type)
			.append("binding", binding)
			.append("subject", subject)
			.append("time", Date.from(time))
			.append("body", body);
	}

	static OutboxEntry fromDocument(Document document) {
		return new OutboxEntry(document.getString("_id"), document.getString("type"), document.getString("binding"),
				document.getString("subject"), document.getDate("time").toInstant(), document.getString("body"));
	}
}
