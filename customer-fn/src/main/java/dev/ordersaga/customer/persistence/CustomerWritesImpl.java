package dev.ordersaga.customer.persistence;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.bson.Document;

import dev.ordersaga.customer.Cancellation;
import dev.ordersaga.customer.ClosedOrder;
import dev.ordersaga.customer.Customer;
import dev.ordersaga.customer.CustomerChange;
import dev.ordersaga.customer.CustomerId;
import dev.ordersaga.customer.CustomerWrites;
import dev.ordersaga.customer.OrderId;
import dev.ordersaga.customer.ProfileEvent;
import dev.ordersaga.customer.Refusal;
import dev.ordersaga.customer.Reservation;
import dev.ordersaga.customer.messaging.CustomerEventTypes;
import dev.ordersaga.support.outbox.Outbox;
import dev.ordersaga.support.outbox.OutboxEntry;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The customer document's conditional atomic updates. Each credit movement is a single
 * update whose filter states everything the movement relies on (enough credit, order not
 * decided yet, reservation still open), so concurrent consumers can never overdraw a
 * customer or decide one order twice; a filter that misses means "read and decide again",
 * never "lost update".
 * <p>
 * The available credit announced with a reservation or release is the one the atomic
 * update returned. It is recorded in the reservation entry by a second, idempotent update
 * ({@code $set} only while unset): MongoDB cannot push a value computed from the
 * document's own fields without a pipeline update, which {@code findAndModify} of the
 * embedded test store does not support. Should the process stop between the two, the next
 * delivery of the event records the then available credit, and every later announcement
 * repeats that value.
 * <p>
 * Every write that decides on an order the caller did not find in the customer document
 * (reserve, refuse, cancel) is also conditional on the {@code pruned} counter it read:
 * closed entries leave the document only together with a count-up of that counter, after
 * their closed order was written, so a decision taken on a read that missed a move is
 * refused here and taken again.
 */
class CustomerWritesImpl implements CustomerWrites {

	static final String COLLECTION = "customers";

	private static final String AVAILABLE = "available";

	private static final String RESERVATIONS = "reservations";

	private static final String REFUSALS = "refusals";

	private static final String CANCELLATIONS = "cancellations";

	private static final String PRUNED = "pruned";

	private static final String ORDER_ID = "orderId";

	private static final String STATUS = "status";

	private static final String AMOUNT = "amount";

	private static final String VERSION = "version";

	/** The array filter identifier of the reservation entry an update addresses. */
	private static final String ENTRY = "entry";

	private final MongoTemplate mongo;

	private final Outbox outbox;

	CustomerWritesImpl(MongoTemplate mongo, Outbox outbox) {
		this.mongo = mongo;
		this.outbox = outbox;
	}

	@Override
	public void insert(Customer customer, List<ProfileEvent> events) {
		Document document = toDocument(customer);
		mongo.insert(outbox.attach(document, entries(events)), COLLECTION);
		signal(document.get("_id"), events);
	}

	@Override
	public OptionalLong reserve(CustomerId customer, String currency, long pruned, Reservation reservation) {
		Query coverable = Query.query(undecided(customer, pruned, reservation.orderId()).and("creditLimit.currency")
			.is(currency)
			.and(AVAILABLE)
			.gte(reservation.amount()));
		Update reserve = new Update().inc(AVAILABLE, -reservation.amount()).push(RESERVATIONS, toDocument(reservation));
		return availableAfter(coverable, reserve);
	}

	@Override
	public boolean refuse(CustomerId customer, long pruned, Refusal refusal) {
		Query notCoverable = Query.query(undecided(customer, pruned, refusal.orderId()).orOperator(
				where("creditLimit.currency").ne(refusal.requested().currency()),
				where(AVAILABLE).lt(refusal.requested().amount())));
		return mongo.updateFirst(notCoverable, new Update().push(REFUSALS, toDocument(refusal)), COLLECTION)
			.getModifiedCount() == 1;
	}

	@Override
	public boolean cancel(CustomerId customer, long pruned, Cancellation cancellation) {
		return mongo
			.updateFirst(Query.query(undecided(customer, pruned, cancellation.orderId())),
					new Update().push(CANCELLATIONS, toDocument(cancellation)), COLLECTION)
			.getModifiedCount() == 1;
	}

	@Override
	public boolean archive(Customer read, List<ClosedOrder> closed) {
		if (closed.isEmpty()) {
			return false;
		}
		BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ClosedOrder.class);
		for (ClosedOrder order : closed) {
			Update insert = new Update();
			toDocument(order).forEach((field, value) -> {
				if (!"_id".equals(field)) {
					insert.setOnInsert(field, value);
				}
			});
			writes.upsert(Query.query(where("_id").is(order.orderId().toString())), insert);
		}
		writes.execute();
		List<String> orders = closed.stream().map(order -> order.orderId().toString()).toList();
		Document ofTheseOrders = new Document(ORDER_ID, new Document("$in", orders));
		Update remove = new Update()
			.pull(RESERVATIONS,
					new Document(ofTheseOrders).append(STATUS, new Document("$ne", Reservation.Status.OPEN.name())))
			.pull(REFUSALS, ofTheseOrders)
			.pull(CANCELLATIONS, ofTheseOrders)
			.inc(PRUNED, 1);
		return mongo
			.updateFirst(Query.query(unpruned(where("_id").is(read.id().toString()), read.pruned())), remove,
					COLLECTION)
			.getModifiedCount() == 1;
	}

	@Override
	public long recordAvailableAfter(CustomerId customer, OrderId order, long availableAfter) {
		return record(customer, order, "availableAfter", availableAfter);
	}

	@Override
	public OptionalLong release(CustomerId customer, Reservation reservation, Instant now) {
		return availableAfter(open(customer, reservation), close(reservation, Reservation.Status.RELEASED, now));
	}

	@Override
	public long recordAvailableAfterRelease(CustomerId customer, OrderId order, long availableAfter) {
		return record(customer, order, "availableAfterRelease", availableAfter);
	}

	@Override
	public boolean settle(CustomerId customer, Reservation reservation, Instant now) {
		return mongo
			.updateFirst(open(customer, reservation), close(reservation, Reservation.Status.SETTLED, now), COLLECTION)
			.getModifiedCount() == 1;
	}

	@Override
	public Optional<Customer> update(CustomerChange.Changed change) {
		Customer before = change.before();
		Customer after = change.after();
		long delta = Math.subtractExact(after.creditLimit().amount(), before.creditLimit().amount());
		Criteria unchanged = where("_id").is(before.id().toString())
			.and(VERSION)
			.is(before.version())
			.and("creditLimit.currency")
			.is(after.currency());
		if (delta < 0) {
			// the open reservations may have grown since the read: the new limit must
			// still cover them
			unchanged = unchanged.and(AVAILABLE).gte(-delta);
		}
		Update update = new Update().set("name", after.name())
			.set("email", after.email())
			.set("locale", after.locale())
			.set("creditLimit.amount", after.creditLimit().amount())
			.inc(AVAILABLE, delta)
			.inc(VERSION, 1);
		List<ProfileEvent> events = change.profile().stream().toList();
		Customer stored = mongo.findAndModify(Query.query(unchanged), outbox.append(update, entries(events)),
				FindAndModifyOptions.options().returnNew(true), Customer.class, COLLECTION);
		if (stored != null) {
			signal(before.id().toString(), events);
		}
		return Optional.ofNullable(stored);
	}

	/**
	 * The customer, while the reservation is open. The amount is part of the condition
	 * too, so that the credit given back is exactly the credit held.
	 */
	private static Query open(CustomerId customer, Reservation reservation) {
		return Query.query(where("_id").is(customer.toString()).and(RESERVATIONS).elemMatch(openEntry(reservation)));
	}

	/**
	 * Closes the open reservation and gives its credit back. The entry is addressed by an
	 * array filter on the order id (unique within the array), not by the positional
	 * {@code $}, which the embedded test store does not resolve for {@code $elemMatch};
	 * on MongoDB both address the entry the query matched.
	 */
	private static Update close(Reservation reservation, Reservation.Status status, Instant now) {
		return new Update().set(RESERVATIONS + ".$[" + ENTRY + "]." + STATUS, status.name())
			.set(RESERVATIONS + ".$[" + ENTRY + "].closedAt", Date.from(now))
			.inc(AVAILABLE, reservation.amount())
			.filterArray(entry(reservation.orderId()));
	}

	private static Criteria openEntry(Reservation reservation) {
		return where(ORDER_ID).is(reservation.orderId().toString())
			.and(STATUS)
			.is(Reservation.Status.OPEN.name())
			.and(AMOUNT)
			.is(reservation.amount());
	}

	/**
	 * The customer, while it has no entry for the order and moved nothing out since it
	 * was read with {@code pruned}.
	 */
	private static Criteria undecided(CustomerId customer, long pruned, OrderId order) {
		String id = order.toString();
		return unpruned(where("_id").is(customer.toString()), pruned).and(RESERVATIONS + "." + ORDER_ID)
			.ne(id)
			.and(REFUSALS + "." + ORDER_ID)
			.ne(id)
			.and(CANCELLATIONS + "." + ORDER_ID)
			.ne(id);
	}

	/** Documents stored before closed entries were ever moved out have no counter yet. */
	private static Criteria unpruned(Criteria customer, long pruned) {
		return pruned == 0 ? customer.and(PRUNED).in(0L, null) : customer.and(PRUNED).is(pruned);
	}

	private static Criteria entry(OrderId order) {
		return where(ENTRY + "." + ORDER_ID).is(order.toString());
	}

	private OptionalLong availableAfter(Query query, Update update) {
		query.fields().include(AVAILABLE);
		Document after = mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true),
				Document.class, COLLECTION);
		return after == null ? OptionalLong.empty() : OptionalLong.of(after.get(AVAILABLE, Number.class).longValue());
	}

	private long record(CustomerId customer, OrderId order, String field, long value) {
		Criteria unrecorded = where(ORDER_ID).is(order.toString()).and(field).is(null);
		Query query = Query.query(where("_id").is(customer.toString()).and(RESERVATIONS).elemMatch(unrecorded));
		Update update = new Update().set(RESERVATIONS + ".$[" + ENTRY + "]." + field, value).filterArray(entry(order));
		if (mongo.updateFirst(query, update, COLLECTION).getModifiedCount() == 1) {
			return value;
		}
		Query recorded = Query.query(where("_id").is(customer.toString()));
		recorded.fields().elemMatch(RESERVATIONS, where(ORDER_ID).is(order.toString()));
		Document found = mongo.findOne(recorded, Document.class, COLLECTION);
		List<Document> entries = found == null ? List.of() : found.getList(RESERVATIONS, Document.class, List.of());
		Number stored = entries.isEmpty() ? null : entries.getFirst().get(field, Number.class);
		if (stored == null) {
			throw new IllegalStateException(
					"No reservation of order " + order + " at customer " + customer + " to record " + field + " in");
		}
		return stored.longValue();
	}

	private Document toDocument(Object value) {
		Document document = new Document();
		mongo.getConverter().write(value, document);
		document.remove("_class");
		return document;
	}

	private List<OutboxEntry> entries(List<ProfileEvent> events) {
		return events.stream()
			.map(event -> outbox.entry(CustomerEventTypes.CUSTOMER_PROFILES_BINDING,
					CustomerEventTypes.outgoing(event)))
			.toList();
	}

	private void signal(Object id, List<ProfileEvent> events) {
		if (!events.isEmpty()) {
			outbox.written(COLLECTION, id);
		}
	}

}
