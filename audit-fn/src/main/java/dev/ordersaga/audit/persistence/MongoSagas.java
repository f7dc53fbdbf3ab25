package dev.ordersaga.audit.persistence;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.bson.Document;

import dev.ordersaga.audit.DeadLetter;
import dev.ordersaga.audit.SagaEvent;
import dev.ordersaga.audit.SagaReport;
import dev.ordersaga.audit.Sagas;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import static dev.ordersaga.audit.persistence.SagaDocuments.DEAD_LETTER_LOG;
import static dev.ordersaga.audit.persistence.SagaDocuments.EVENT_LOG;
import static dev.ordersaga.audit.persistence.SagaDocuments.SAGAS;

/**
 * One document per order, keyed by the order id, with its events and dead letters: a saga
 * is read and written by its key only. Every write is conditional on the version it read.
 */
@Repository
class MongoSagas implements Sagas {

	private final MongoTemplate mongo;

	MongoSagas(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Optional<Stored> find(String orderId) {
		return Optional.ofNullable(mongo.findById(orderId, Document.class, SAGAS))
			.map(document -> new Stored(SagaDocuments.report(document), Bson.longValue(document, "version"),
					Bson.documents(document, EVENT_LOG)
						.stream()
						.map(event -> SagaDocuments.event(orderId, event))
						.toList(),
					Bson.documents(document, DEAD_LETTER_LOG).stream().map(SagaDocuments::deadLetter).toList()));
	}

	@Override
	public Optional<Long> save(SagaReport report, List<SagaEvent> events, List<DeadLetter> deadLetters,
			Long expectedVersion) {
		Document fields = SagaDocuments.fields(report);
		fields.append(EVENT_LOG, events.stream().map(SagaDocuments::event).toList());
		fields.append(DEAD_LETTER_LOG, deadLetters.stream().map(SagaDocuments::deadLetter).toList());
		if (expectedVersion == null) {
			try {
				Document document = new Document("_id", report.orderId()).append("version", 0L);
				document.putAll(fields);
				mongo.insert(document, SAGAS);
				return Optional.of(0L);
			}
			catch (DuplicateKeyException ex) {
				return Optional.empty();
			}
		}
		Update update = new Update().set("version", expectedVersion + 1);
		fields.forEach(update::set);
		Query unchanged = Query.query(Criteria.where("_id").is(report.orderId()).and("version").is(expectedVersion));
		return mongo.updateFirst(unchanged, update, SAGAS).getModifiedCount() == 1 ? Optional.of(expectedVersion + 1)
				: Optional.empty();
	}

	@Override
	public void forEachReport(Consumer<Stored> report) {
		Query all = new Query();
		all.fields().exclude(EVENT_LOG).exclude(DEAD_LETTER_LOG);
		mongo.stream(all, Document.class, SAGAS)
			.forEach(document -> report.accept(new Stored(SagaDocuments.report(document),
					Bson.longValue(document, "version"), List.of(), List.of())));
	}

}
