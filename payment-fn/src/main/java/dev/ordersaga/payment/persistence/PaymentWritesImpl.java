package dev.ordersaga.payment.persistence;

import org.bson.Document;

import dev.ordersaga.payment.Payment;
import dev.ordersaga.payment.PaymentWrites;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The payment document, written whole: an insert keyed by order id (a second payment for
 * the order fails on the unique {@code _id}), and version-conditional updates for every
 * later step.
 */
class PaymentWritesImpl implements PaymentWrites {

	static final String COLLECTION = "payments";

	private final MongoTemplate mongo;

	PaymentWritesImpl(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void insert(Payment payment) {
		mongo.insert(toDocument(payment.withVersion(0L)), COLLECTION);
	}

	@Override
	public boolean update(Payment current, Payment next) {
		Document document = toDocument(next.withVersion(current.version() + 1));
		Update update = new Update();
		document.forEach((field, value) -> {
			if (!"_id".equals(field)) {
				update.set(field, value);
			}
		});
		Query unchanged = Query
			.query(Criteria.where("_id").is(current.orderId().toString()).and("version").is(current.version()));
		return mongo.updateFirst(unchanged, update, COLLECTION).getModifiedCount() == 1;
	}

	private Document toDocument(Payment payment) {
		Document document = new Document();
		mongo.getConverter().write(payment, document);
		document.remove("_class");
		return document;
	}

}
