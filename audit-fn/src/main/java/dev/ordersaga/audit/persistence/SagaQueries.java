package dev.ordersaga.audit.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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

/** The read side: saga lookups and the aggregates of the overview. */
@Component
public class SagaQueries {

	private final MongoTemplate mongo;

	SagaQueries(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	public Optional<SagaReport> saga(String orderId) {
		return Optional.ofNullable(mongo.findById(orderId, Document.class, SAGAS)).map(SagaDocuments::report);
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
		List<SagaReport> content = mongo
			.find(Query.query(criteria)
				.with(Sort.by(Sort.Order.desc("lastEventAt"), Sort.Order.asc("_id")))
				.skip(pageable.getOffset())
				.limit(pageable.getPageSize()), Document.class, SAGAS)
			.stream()
			.map(SagaDocuments::report)
			.toList();
		return new PageImpl<>(content, pageable, total);
	}

	public Map<SagaState, Long> countByState() {
		Map<SagaState, Long> counts = new EnumMap<>(SagaState.class);
		for (SagaState state : SagaState.values()) {
			counts.put(state, 0L);
		}
		group(SAGAS,
				List.of(new Document("$group", new Document("_id", "$state").append("n", new Document("$sum", 1)))))
			.forEach((state, n) -> counts.put(SagaState.valueOf(state), n));
		return counts;
	}

	/** How many sagas currently break each rule (every rule listed, most with 0). */
	public Map<Rule, Long> sagasByRule() {
		Map<Rule, Long> counts = new EnumMap<>(Rule.class);
		for (Rule rule : Rule.values()) {
			counts.put(rule, 0L);
		}
		group(SAGAS,
				List.of(new Document("$match", new Document("verdict", Verdict.VIOLATED.name())),
						new Document("$unwind", "$rules"),
						new Document("$group", new Document("_id", "$rules").append("n", new Document("$sum", 1)))))
			.forEach((rule, n) -> Rule.byId(rule).ifPresent(known -> counts.put(known, n)));
		return counts;
	}

	public long count(String field, Object value) {
		return mongo.count(Query.query(Criteria.where(field).is(value)), SAGAS);
	}

	/** Extra copies of events delivered, over all sagas. */
	public long duplicates() {
		return group(SAGAS,
				List.of(new Document("$group",
						new Document("_id", "all").append("n", new Document("$sum", "$duplicates")))))
			.getOrDefault("all", 0L);
	}

	public Map<String, Long> deadLettersByTopic() {
		return new TreeMap<>(group(MongoAuditLog.DEAD_LETTERS,
				List.of(new Document("$group", new Document("_id", "$topic").append("n", new Document("$sum", 1))))));
	}

	public long eventCount() {
		return mongo.getCollection(MongoAuditLog.EVENTS).estimatedDocumentCount();
	}

	public List<SagaReport> stuck(int limit) {
		return list(Query.query(Criteria.where("stuck").is(true)).with(Sort.by("deadline")).limit(limit));
	}

	public List<SagaReport> violated(int limit) {
		return list(Query.query(Criteria.where("verdict").is(Verdict.VIOLATED.name()))
			.with(Sort.by(Sort.Order.desc("lastEventAt")))
			.limit(limit));
	}

	public List<SagaReport> recent(int limit) {
		return list(new Query().with(Sort.by(Sort.Order.desc("lastEventAt"))).limit(limit));
	}

	/** End-to-end latencies of the latest terminal sagas, in milliseconds. */
	public List<Long> latestLatencies(int limit) {
		Query query = Query.query(Criteria.where("latencyMs").ne(null))
			.with(Sort.by(Sort.Order.desc("terminalAt")))
			.limit(limit);
		query.fields().include("latencyMs");
		return mongo.find(query, Document.class, SAGAS)
			.stream()
			.map(document -> document.get("latencyMs", Number.class).longValue())
			.toList();
	}

	private List<SagaReport> list(Query query) {
		return mongo.find(query, Document.class, SAGAS).stream().map(SagaDocuments::report).toList();
	}

	private Map<String, Long> group(String collection, List<Document> pipeline) {
		Map<String, Long> counts = new TreeMap<>();
		for (Document row : mongo.getCollection(collection).aggregate(pipeline)) {
			Object key = row.get("_id");
			if (key != null) {
				counts.put(key.toString(), ((Number) row.get("n")).longValue());
			}
		}
		return counts;
	}

}
