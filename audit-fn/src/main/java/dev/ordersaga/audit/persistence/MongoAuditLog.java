package dev.ordersaga.audit.persistence;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;

import dev.ordersaga.audit.AuditLog;
import dev.ordersaga.audit.DeadLetter;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Dead letters keyed by their position: the insert is the idempotency record, so a dead
 * letter read again is counted once.
 */
@Repository
class MongoAuditLog implements AuditLog {

	static final String DEAD_LETTERS = "deadLetters";

	private final MongoTemplate mongo;

	MongoAuditLog(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Recorded record(DeadLetter deadLetter) {
		try {
			mongo.insert(SagaDocuments.deadLetter(deadLetter), DEAD_LETTERS);
			return Recorded.NEW;
		}
		catch (DuplicateKeyException ex) {
			return Recorded.REDELIVERED;
		}
	}

	@Override
	public Map<String, Long> deadLettersByTopic() {
		Map<String, Long> counts = new TreeMap<>();
		for (Document row : mongo.getCollection(DEAD_LETTERS)
			.aggregate(List
				.of(new Document("$group", new Document("_id", "$topic").append("n", new Document("$sum", 1)))))) {
			Object topic = row.get("_id");
			if (topic != null) {
				counts.put(topic.toString(), ((Number) row.get("n")).longValue());
			}
		}
		return counts;
	}

}
