package dev.ordersaga.audit.persistence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import dev.ordersaga.audit.AuditLog;
import dev.ordersaga.audit.DeadLetter;
import dev.ordersaga.audit.Position;
import dev.ordersaga.audit.SagaEvent;
import dev.ordersaga.audit.TraceContext;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import static dev.ordersaga.audit.persistence.Bson.date;
import static dev.ordersaga.audit.persistence.Bson.instant;
import static dev.ordersaga.audit.persistence.Bson.integer;
import static dev.ordersaga.audit.persistence.Bson.longValue;

/**
 * Events keyed by {@code ce_id}: the insert is the idempotency record. The positions of
 * all records that carried an event are kept in {@code copies}, so a second copy of an
 * event is told apart from the same record read twice.
 */
@Repository
class MongoAuditLog implements AuditLog {

	static final String EVENTS = "events";

	static final String DEAD_LETTERS = "deadLetters";

	private final MongoTemplate mongo;

	MongoAuditLog(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Recorded record(SagaEvent event) {
		try {
			mongo.insert(toDocument(event), EVENTS);
			return Recorded.NEW;
		}
		catch (DuplicateKeyException ex) {
			long added = mongo
				.updateFirst(Query.query(Criteria.where("_id").is(event.id())),
						new Update().addToSet("copies", event.position().key()), EVENTS)
				.getModifiedCount();
			return added == 1 ? Recorded.DUPLICATE : Recorded.REDELIVERED;
		}
	}

	@Override
	public Recorded record(DeadLetter deadLetter) {
		try {
			mongo.insert(toDocument(deadLetter), DEAD_LETTERS);
			return Recorded.NEW;
		}
		catch (DuplicateKeyException ex) {
			return Recorded.REDELIVERED;
		}
	}

	@Override
	public List<SagaEvent> events(String orderId) {
		return mongo.find(Query.query(Criteria.where("orderId").is(orderId)), Document.class, EVENTS)
			.stream()
			.map(MongoAuditLog::toEvent)
			.toList();
	}

	@Override
	public List<DeadLetter> deadLetters(String orderId) {
		return mongo.find(Query.query(Criteria.where("orderId").is(orderId)), Document.class, DEAD_LETTERS)
			.stream()
			.map(MongoAuditLog::toDeadLetter)
			.toList();
	}

	private static Document toDocument(SagaEvent event) {
		return new Document("_id", event.id()).append("orderId", event.orderId())
			.append("type", event.type())
			.append("source", event.source())
			.append("time", date(event.time()))
			.append("topic", event.position().topic())
			.append("partition", event.position().partition())
			.append("offset", event.position().offset())
			.append("observedAt", date(event.observedAt()))
			.append("traceId", event.trace() == null ? null : event.trace().traceId())
			.append("spanId", event.trace() == null ? null : event.trace().spanId())
			.append("facts", new Document(new LinkedHashMap<>(event.facts())))
			.append("copies", List.of(event.position().key()));
	}

	private static SagaEvent toEvent(Document document) {
		String traceId = document.getString("traceId");
		Map<String, String> facts = new LinkedHashMap<>();
		Document stored = document.get("facts", Document.class);
		if (stored != null) {
			stored.forEach((name, value) -> facts.put(name, String.valueOf(value)));
		}
		@SuppressWarnings("unchecked")
		List<String> copies = (List<String>) document.get("copies");
		return new SagaEvent(document.getString("_id"), document.getString("orderId"), document.getString("type"),
				document.getString("source"), instant(document, "time"),
				new Position(document.getString("topic"), integer(document, "partition"),
						longValue(document, "offset")),
				traceId == null ? null : new TraceContext(traceId, document.getString("spanId")),
				instant(document, "observedAt"), facts, copies == null ? 1 : Math.max(1, copies.size()));
	}

	private static Document toDocument(DeadLetter letter) {
		Position original = letter.original();
		return new Document("_id", letter.id()).append("orderId", letter.orderId())
			.append("topic", letter.position().topic())
			.append("partition", letter.position().partition())
			.append("offset", letter.position().offset())
			.append("originalTopic", original == null ? null : original.topic())
			.append("originalPartition", original == null ? null : original.partition())
			.append("originalOffset", original == null ? null : original.offset())
			.append("eventId", letter.eventId())
			.append("eventType", letter.eventType())
			.append("reason", letter.reason())
			.append("exceptionType", letter.exceptionType())
			.append("time", date(letter.time()))
			.append("observedAt", date(letter.observedAt()));
	}

	private static DeadLetter toDeadLetter(Document document) {
		String originalTopic = document.getString("originalTopic");
		return new DeadLetter(
				new Position(
						document.getString("topic"), integer(document, "partition"), longValue(document, "offset")),
				document.getString("orderId"),
				originalTopic == null ? null
						: new Position(originalTopic, integer(document, "originalPartition"),
								longValue(document, "originalOffset")),
				document.getString("eventId"), document.getString("eventType"), document.getString("reason"),
				document.getString("exceptionType"), instant(document, "time"), instant(document, "observedAt"));
	}

}
