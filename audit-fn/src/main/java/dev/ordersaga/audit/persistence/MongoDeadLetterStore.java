package dev.ordersaga.audit.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bson.Document;

import dev.ordersaga.audit.DeadLetter;
import dev.ordersaga.audit.DeadLetterAction;
import dev.ordersaga.audit.DeadLetterFilter;
import dev.ordersaga.audit.DeadLetterStore;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import static dev.ordersaga.audit.persistence.Bson.date;
import static dev.ordersaga.audit.persistence.MongoAuditLog.DEAD_LETTERS;

/**
 * The dead letters' actions, kept on the dead letter's document ({@code deadLetters},
 * keyed by its position): one read and one write by {@code _id} each. An action is added
 * once: the write is conditional on its id not being there yet.
 */
@Repository
class MongoDeadLetterStore implements DeadLetterStore {

	/** Documents looked at per bulk selection at most, before the reason filter. */
	private static final int SCAN_LIMIT = 5_000;

	private final MongoTemplate mongo;

	MongoDeadLetterStore(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Optional<DeadLetter> find(String id) {
		return Optional.ofNullable(mongo.findById(id, Document.class, DEAD_LETTERS)).map(SagaDocuments::deadLetter);
	}

	@Override
	public Optional<DeadLetter> act(String id, DeadLetterAction action) {
		Optional<DeadLetter> stored = find(id);
		if (stored.isEmpty() || stored.get().actions().stream().anyMatch(known -> known.id().equals(action.id()))) {
			return stored;
		}
		// by _id alone (the embedded store indexes nothing else); a concurrent action is
		// kept: $push appends, it does not replace
		mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().push("actions", SagaDocuments.action(action)), DEAD_LETTERS);
		return find(id);
	}

	@Override
	public List<DeadLetter> open(DeadLetterFilter filter, int limit) {
		Query query = DeadLetterQueries.query(filter)
			.with(Sort.by(Sort.Order.asc("time"), Sort.Order.asc("_id")))
			.limit(SCAN_LIMIT);
		List<DeadLetter> open = new ArrayList<>();
		try (var documents = mongo.stream(query, Document.class, DEAD_LETTERS)) {
			documents.map(SagaDocuments::deadLetter)
				.filter(DeadLetter::open)
				.filter(filter::matchesReason)
				.limit(limit)
				.forEach(open::add);
		}
		return open;
	}

	static Criteria since(DeadLetterFilter filter) {
		return Criteria.where("time").gte(date(filter.since()));
	}

}
