package dev.ordersaga.payment.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import dev.ordersaga.payment.OrderId;
import dev.ordersaga.payment.Rechecks;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Re-checks in their own small collection, {@code payment-rechecks}: one document per
 * order still to be looked at again ({@code _id} = order id, {@code due},
 * {@code attempt}), removed after its last re-check. Looking for due ones therefore reads
 * only the few waiting entries, never the payments (the embedded test server scans any
 * query not by {@code _id}); real MongoDB uses the index on {@code due}. A claim moves
 * {@code due} past the lease with a write conditional on the {@code due} read, so two
 * replicas never take the same entry, and an entry whose replica died comes back when the
 * lease ends.
 */
@Component
class MongoRechecks implements Rechecks, InitializingBean {

	static final String COLLECTION = "payment-rechecks";

	private final MongoTemplate mongo;

	MongoRechecks(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterPropertiesSet() {
		mongo.indexOps(COLLECTION).createIndex(new Index().on("due", Sort.Direction.ASC));
	}

	@Override
	public void schedule(OrderId orderId, int attempt, Instant due) {
		mongo.upsert(byId(orderId), new Update().set("attempt", attempt).set("due", Date.from(due)), COLLECTION);
	}

	@Override
	public List<Recheck> claimDue(Instant now, Duration lease, int limit) {
		Query due = Query.query(Criteria.where("due").lte(Date.from(now)))
			.with(Sort.by(Sort.Direction.ASC, "due"))
			.limit(limit);
		List<Recheck> claimed = new ArrayList<>();
		for (Document entry : mongo.find(due, Document.class, COLLECTION)) {
			Query unclaimed = Query.query(Criteria.where("_id").is(entry.get("_id")).and("due").is(entry.get("due")));
			Update claim = Update.update("due", Date.from(now.plus(lease)));
			if (mongo.updateFirst(unclaimed, claim, COLLECTION).getModifiedCount() == 1) {
				claimed.add(new Recheck(OrderId.of(entry.getString("_id")), entry.getInteger("attempt", 0)));
			}
		}
		return claimed;
	}

	@Override
	public void remove(OrderId orderId) {
		mongo.remove(byId(orderId), COLLECTION);
	}

	private static Query byId(OrderId orderId) {
		return Query.query(Criteria.where("_id").is(orderId.toString()));
	}

}
