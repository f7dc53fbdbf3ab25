package dev.ordersaga.audit.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.Document;

import dev.ordersaga.audit.SagaReport;
import dev.ordersaga.audit.Sagas;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import static dev.ordersaga.audit.persistence.Bson.date;
import static dev.ordersaga.audit.persistence.SagaDocuments.SAGAS;

/** One document per order; every write is conditional on the version it read. */
@Repository
class MongoSagas implements Sagas {

	private final MongoTemplate mongo;

	MongoSagas(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Optional<Stored> find(String orderId) {
		return Optional.ofNullable(mongo.findById(orderId, Document.class, SAGAS))
			.map(document -> new Stored(SagaDocuments.report(document), Bson.longValue(document, "version")));
	}

	@Override
	public boolean save(SagaReport report, Long expectedVersion) {
		Document fields = SagaDocuments.fields(report);
		if (expectedVersion == null) {
			try {
				Document document = new Document("_id", report.orderId()).append("version", 0L);
				document.putAll(fields);
				mongo.insert(document, SAGAS);
				return true;
			}
			catch (DuplicateKeyException ex) {
				return false;
			}
		}
		Update update = new Update().set("version", expectedVersion + 1);
		fields.forEach(update::set);
		Query unchanged = Query.query(Criteria.where("_id").is(report.orderId()).and("version").is(expectedVersion));
		return mongo.updateFirst(unchanged, update, SAGAS).getModifiedCount() == 1;
	}

	@Override
	public List<String> dueForCheck(Instant now, int limit) {
		Query due = Query.query(Criteria.where("nextCheckAt").lte(date(now))).with(Sort.by("nextCheckAt")).limit(limit);
		due.fields().include("_id");
		return mongo.find(due, Document.class, SAGAS).stream().map(document -> document.getString("_id")).toList();
	}

}
