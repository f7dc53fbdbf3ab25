package dev.ordersaga.payment.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.payment.OrderId;
import dev.ordersaga.payment.Rechecks;
import dev.ordersaga.support.mongo.StoreIndexes;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Re-checks in their own small collection, {@code payment-rechecks}: one document per
 * order still to be looked at again ({@code _id} = order id, {@code due},
 * {@code attempt}), removed after its last re-check.
 * <p>
 * Finding the due ones queries nothing: this process keeps the waiting re-checks it knows
 * of in memory, by due time, and claims each due one by {@code _id}. It knows those it
 * scheduled or claimed itself; a sweep, at the first look after start-up and then once
 * per lease, reads the entries due before the next sweep ({@code due} index) and adds
 * those of other replicas, e.g. one that died. A claim moves {@code due} past the lease
 * with a write conditional on the {@code due} known, so two replicas never take the same
 * entry, and an entry whose replica died (or whose re-check failed) comes back when the
 * lease ends.
 */
@Component
class MongoRechecks implements Rechecks, InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(MongoRechecks.class);

	static final String COLLECTION = "payment-rechecks";

	static final String DUE = "due";

	/** The name MongoDB gives the index on {@code due} (kept for existing stores). */
	static final String DUE_INDEX = "due_1";

	private final MongoTemplate mongo;

	/** The waiting re-checks known to this process, soonest first. */
	private final ConcurrentSkipListSet<Waiting> waiting = new ConcurrentSkipListSet<>(
			Comparator.comparing(Waiting::due).thenComparing(entry -> entry.orderId().value()));

	/**
	 * The latest due time known per order; older entries of {@link #waiting} are stale.
	 */
	private final Map<OrderId, Instant> latest = new ConcurrentHashMap<>();

	private volatile Instant nextSweep = Instant.MIN;

	private final StoreIndexes indexes;

	MongoRechecks(MongoTemplate mongo, StoreIndexes indexes) {
		this.mongo = mongo;
		this.indexes = indexes;
	}

	/** The index of the sweep's query. */
	static Index dueIndex() {
		return new Index().on(DUE, Sort.Direction.ASC).named(DUE_INDEX);
	}

	@Override
	public void afterPropertiesSet() {
		// created once the store answers
		indexes.ensure(COLLECTION, dueIndex());
	}

	@Override
	public void schedule(OrderId orderId, int attempt, Instant due) {
		Instant stored = due.truncatedTo(ChronoUnit.MILLIS); // what a BSON date holds
		mongo.upsert(byId(orderId), new Update().set("attempt", attempt).set(DUE, Date.from(stored)), COLLECTION);
		watch(orderId, stored);
	}

	@Override
	public List<Recheck> claimDue(Instant now, Duration lease, int limit) {
		if (!now.isBefore(nextSweep)) {
			sweep(now.plus(lease).plus(lease));
			nextSweep = now.plus(lease);
		}
		List<Recheck> claimed = new ArrayList<>();
		Waiting first;
		while (claimed.size() < limit && (first = waiting.pollFirst()) != null) {
			if (first.due().isAfter(now)) {
				waiting.add(first);
				break;
			}
			if (!first.due().equals(latest.get(first.orderId()))) {
				continue; // rescheduled or removed since
			}
			Instant until = now.plus(lease).truncatedTo(ChronoUnit.MILLIS);
			Document entry;
			try {
				entry = mongo.findAndModify(Query
					.query(Criteria.where("_id").is(first.orderId().toString()).and(DUE).is(Date.from(first.due()))),
						Update.update(DUE, Date.from(until)), FindAndModifyOptions.options().returnNew(true),
						Document.class, COLLECTION);
			}
			catch (RuntimeException ex) {
				waiting.add(first);
				throw ex;
			}
			if (entry == null) {
				// another replica claimed or rescheduled it, or it was removed
				latest.remove(first.orderId(), first.due());
				continue;
			}
			// back when the lease ends, unless rescheduled or removed before
			watch(first.orderId(), until);
			claimed.add(new Recheck(first.orderId(), entry.getInteger("attempt", 0)));
		}
		return claimed;
	}

	@Override
	public void remove(OrderId orderId) {
		mongo.remove(byId(orderId), COLLECTION);
		latest.remove(orderId);
	}

	/** How many waiting re-checks this process knows of. */
	int known() {
		return latest.size();
	}

	/**
	 * Adds the stored entries due before {@code horizon} that this process does not know
	 * of (written by another replica, or before a restart).
	 */
	private void sweep(Instant horizon) {
		Query dueSoon = Query.query(Criteria.where(DUE).lte(Date.from(horizon))).with(Sort.by(DUE));
		dueSoon.fields().include(DUE);
		int added = 0;
		for (Document entry : mongo.find(dueSoon, Document.class, COLLECTION)) {
			OrderId orderId = OrderId.of(entry.getString("_id"));
			Instant due = entry.getDate(DUE).toInstant();
			if (!due.equals(latest.get(orderId))) {
				watch(orderId, due);
				added++;
			}
		}
		if (added > 0) {
			log.info("Re-check sweep found {} waiting re-check(s) this instance did not know of", added);
		}
	}

	private void watch(OrderId orderId, Instant due) {
		latest.put(orderId, due);
		waiting.add(new Waiting(orderId, due));
	}

	private static Query byId(OrderId orderId) {
		return Query.query(Criteria.where("_id").is(orderId.toString()));
	}

	private record Waiting(OrderId orderId, Instant due) {
	}

}
