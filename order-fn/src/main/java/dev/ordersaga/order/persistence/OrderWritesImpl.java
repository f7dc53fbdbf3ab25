package dev.ordersaga.order.persistence;

import java.util.List;

import org.bson.Document;

import dev.ordersaga.order.DeadlineWatch;
import dev.ordersaga.order.Order;
import dev.ordersaga.order.OrderEvent;
import dev.ordersaga.order.OrderWrites;
import dev.ordersaga.order.messaging.OrderEventTypes;
import dev.ordersaga.support.outbox.Outbox;
import dev.ordersaga.support.outbox.OutboxEntry;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The order document and its outbox entries in one write: an insert for a new order, a
 * version-conditional update for a step. The relay publishes the entries once the write
 * returned.
 */
class OrderWritesImpl implements OrderWrites {

	static final String COLLECTION = "orders";

	private final MongoTemplate mongo;

	private final Outbox outbox;

	private final DeadlineWatch deadlines;

	OrderWritesImpl(MongoTemplate mongo, Outbox outbox, DeadlineWatch deadlines) {
		this.mongo = mongo;
		this.outbox = outbox;
		this.deadlines = deadlines;
	}

	@Override
	public void insert(Order order, List<OrderEvent> events) {
		Document document = toDocument(order.withVersion(0L));
		mongo.insert(outbox.attach(document, entries(events)), COLLECTION);
		deadlines.written(order);
		signal(document.get("_id"), events);
	}

	@Override
	public boolean update(Order current, Order next, List<OrderEvent> events) {
		Document document = toDocument(next.withVersion(current.version() + 1));
		Update update = new Update();
		document.forEach((field, value) -> {
			if (!"_id".equals(field)) {
				update.set(field, value);
			}
		});
		Query unchanged = Query
			.query(Criteria.where("_id").is(current.id().toString()).and("version").is(current.version()));
		boolean updated = mongo.updateFirst(unchanged, outbox.append(update, entries(events)), COLLECTION)
			.getModifiedCount() == 1;
		if (updated) {
			deadlines.written(next);
			signal(current.id().toString(), events);
		}
		return updated;
	}

	private Document toDocument(Order order) {
		Document document = new Document();
		mongo.getConverter().write(order, document);
		document.remove("_class");
		return document;
	}

	private List<OutboxEntry> entries(List<OrderEvent> events) {
		return events.stream()
			.map(event -> outbox.entry(OrderEventTypes.ORDER_EVENTS_BINDING, OrderEventTypes.outgoing(event)))
			.toList();
	}

	private void signal(Object id, List<OrderEvent> events) {
		if (!events.isEmpty()) {
			outbox.written(COLLECTION, id);
		}
	}

}
