package dev.ordersaga.support.outbox;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

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
 * @param trace trace propagation headers of the write (e.g. {@code traceparent}), empty
 * outside a trace
 */
public record OutboxEntry(String id, String type, String binding, String subject, Instant time, String body,
		Map<String, String> trace) {

	public OutboxEntry {
		trace = trace == null ? Map.of() : Map.copyOf(trace);
	}

	static final String FIELD = "outbox";

	Document toDocument() {
		return new Document("_id", id).append("type", type)
			.append("binding", binding)
			.append("subject", subject)
			.append("time", Date.from(time))
			.append("body", body)
			.append("trace", new Document(trace));
	}

	static OutboxEntry fromDocument(Document document) {
		return new OutboxEntry(document.getString("_id"), document.getString("type"), document.getString("binding"),
				document.getString("subject"), document.getDate("time").toInstant(), document.getString("body"),
				trace(document.get("trace", Document.class)));
	}

	private static Map<String, String> trace(Document trace) {
		Map<String, String> carrier = new HashMap<>();
		if (trace != null) {
			trace.forEach((name, value) -> carrier.put(name, String.valueOf(value)));
		}
		return carrier;
	}
}
