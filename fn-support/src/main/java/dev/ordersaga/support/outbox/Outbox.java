package dev.ordersaga.support.outbox;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import dev.ordersaga.support.events.EventCodec;
import dev.ordersaga.support.events.OutgoingEvent;

import org.springframework.data.mongodb.core.query.Update;

/**
 * Puts events into the same document write as the business change that caused them, then
 * signals the relay. Use {@link #attach} for inserts and {@link #append} for updates;
 * call {@link #written} once the write returned.
 */
public class Outbox {

	private final EventCodec codec;

	private final OutboxRelay relay;

	private final OutboxTracing tracing;

	public Outbox(EventCodec codec, OutboxRelay relay, OutboxTracing tracing) {
		this.codec = codec;
		this.relay = relay;
		this.tracing = tracing;
	}

	/**
	 * The entry that will publish {@code event} through output binding {@code binding}.
	 */
	public OutboxEntry entry(String binding, OutgoingEvent event) {
		return entry(binding, event, Map.of());
	}

	/**
	 * The entry that will publish {@code event} in the trace {@code trace} (propagation
	 * headers captured earlier with {@link #currentTrace()}), for events decided on a
	 * thread that no longer runs in the trace of their cause; an empty map means the
	 * current trace.
	 */
	public OutboxEntry entry(String binding, OutgoingEvent event, Map<String, String> trace) {
		return new OutboxEntry(event.id(), event.type(), binding, event.subject(), event.time(),
				new String(codec.serialize(event.data()), StandardCharsets.UTF_8),
				trace.isEmpty() ? tracing.capture() : trace);
	}

	/**
	 * The propagation headers (e.g. {@code traceparent}) of the current trace; empty
	 * outside a trace.
	 */
	public Map<String, String> currentTrace() {
		return tracing.capture();
	}

	/** Adds the entries to a document about to be inserted. */
	public Document attach(Document aggregate, List<OutboxEntry> entries) {
		aggregate.put(OutboxEntry.FIELD, entries.stream().map(OutboxEntry::toDocument).toList());
		return aggregate;
	}

	/** Adds the entries to an update of an existing document. */
	public Update append(Update update, List<OutboxEntry> entries) {
		if (!entries.isEmpty()) {
			update.push(OutboxEntry.FIELD).each(entries.stream().map(OutboxEntry::toDocument).toArray());
		}
		return update;
	}

	/**
	 * Tells the relay that the write of document {@code id} in {@code collection}, with
	 * outbox entries, has completed, so it publishes them now, looking the document up by
	 * {@code _id}.
	 */
	public void written(String collection, Object id) {
		relay.wake(collection, id);
	}

}
