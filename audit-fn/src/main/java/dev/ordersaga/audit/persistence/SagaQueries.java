package dev.ordersaga.audit.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import dev.ordersaga.audit.Rule;
import dev.ordersaga.audit.SagaReport;
import dev.ordersaga.audit.SagaState;
import dev.ordersaga.audit.Verdict;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import static dev.ordersaga.audit.persistence.Bson.date;
import static dev.ordersaga.audit.persistence.SagaDocuments.SAGAS;

/**
 * The read side of {@code GET /sagas}: the filtered lists, whose query shapes
 * {@link AuditIndexes} declares ({@code GET /sagas/{id}} reads the saga by its key). The
 * overview does not query the store: it is kept in memory ({@code SagaIndex}).
 */
@Component
public class SagaQueries {

	private final MongoTemplate mongo;

	SagaQueries(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Sagas, latest activity first.
	 * @param state only sagas in this state, or all
	 * @param rule only sagas that broke this rule, or all
	 * @param since only sagas with an event at or after this time, or all
	 * @param verdict only sagas with this verdict, or all
	 */
	public Page<SagaReport> sagas(SagaState state, Rule rule, Instant since, Verdict verdict, Pageable pageable) {
		Criteria criteria = new Criteria();
		List<Criteria> conditions = new ArrayList<>();
		if (state != null) {
			conditions.add(Criteria.where("state").is(state.name()));
		}
		if (rule != null) {
			conditions.add(Criteria.where("rules").is(rule.id()));
		}
		if (since != null) {
			conditions.add(Criteria.where("lastEventAt").gte(date(since)));
		}
		if (verdict != null) {
			conditions.add(Criteria.where("verdict").is(verdict.name()));
		}
		if (!conditions.isEmpty()) {
			criteria = new Criteria().andOperator(conditions);
		}
		Query query = Query.query(criteria);
		long total = mongo.count(query, SAGAS);
		Query page = Query.query(criteria)
			.with(Sort.by(Sort.Order.desc("lastEventAt"), Sort.Order.asc("_id")))
			.skip(pageable.getOffset())
			.limit(pageable.getPageSize());
		withoutRecords(page);
		List<SagaReport> content = mongo.find(page, Document.class, SAGAS).stream().map(SagaDocuments::report).toList();
		return new PageImpl<>(content, pageable, total);
	}

	private static void withoutRecords(Query query) {
		query.fields().exclude(SagaDocuments.EVENT_LOG).exclude(SagaDocuments.DEAD_LETTER_LOG);
	}

}
