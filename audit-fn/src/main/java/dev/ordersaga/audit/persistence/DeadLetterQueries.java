package dev.ordersaga.audit.persistence;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import dev.ordersaga.audit.DeadLetter;
import dev.ordersaga.audit.DeadLetterFilter;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import static dev.ordersaga.audit.persistence.MongoAuditLog.DEAD_LETTERS;

/**
 * The read side of {@code GET /dead-letters}: dead letters filtered by topic, order and
 * time, latest first. Its query shapes and their indexes are declared in
 * {@link AuditIndexes}; an operator's request, never a hot path.
 */
@Component
public class DeadLetterQueries {

	private final MongoTemplate mongo;

	DeadLetterQueries(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Dead letters matching the filter, the latest first. */
	public Page<DeadLetter> deadLetters(DeadLetterFilter filter, Pageable pageable) {
		if (filter.reason() != null) {
			// a piece of a free text: filtered here, after the indexed part of the query
			List<DeadLetter> matching = new ArrayList<>();
			try (var documents = mongo.stream(query(filter).with(latestFirst()), Document.class, DEAD_LETTERS)) {
				documents.map(SagaDocuments::deadLetter).filter(filter::matchesReason).forEach(matching::add);
			}
			int from = (int) Math.min(pageable.getOffset(), matching.size());
			int to = Math.min(from + pageable.getPageSize(), matching.size());
			return new PageImpl<>(matching.subList(from, to), pageable, matching.size());
		}
		long total = mongo.count(query(filter), DEAD_LETTERS);
		Query page = query(filter).with(latestFirst()).skip(pageable.getOffset()).limit(pageable.getPageSize());
		List<DeadLetter> content = mongo.find(page, Document.class, DEAD_LETTERS)
			.stream()
			.map(SagaDocuments::deadLetter)
			.toList();
		return new PageImpl<>(content, pageable, total);
	}

	/** The indexed part of the filter: topic, order, time. */
	static Query query(DeadLetterFilter filter) {
		List<Criteria> conditions = new ArrayList<>();
		if (filter.deadLetterTopic() != null) {
			conditions.add(Criteria.where("topic").is(filter.deadLetterTopic()));
		}
		if (filter.orderId() != null) {
			conditions.add(Criteria.where("orderId").is(filter.orderId()));
		}
		if (filter.since() != null) {
			conditions.add(MongoDeadLetterStore.since(filter));
		}
		return Query.query(conditions.isEmpty() ? new Criteria() : new Criteria().andOperator(conditions));
	}

	private static Sort latestFirst() {
		return Sort.by(Sort.Order.desc("time"), Sort.Order.asc("_id"));
	}

}
