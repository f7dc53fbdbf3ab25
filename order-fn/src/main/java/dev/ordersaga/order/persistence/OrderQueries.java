package dev.ordersaga.order.persistence;

import java.util.List;
import java.util.Set;

import dev.ordersaga.support.mongo.QueryShape;

import static dev.ordersaga.support.mongo.QueryShape.ID_INDEX;

/**
 * Every query order-fn sends to MongoDB, and the index that serves it on a real MongoDB
 * (declared on {@code Order}, or by the outbox relay). {@code QueryIndexesTest} records
 * the queries the service issues and fails on any that is missing here.
 */
public final class OrderQueries {

	/** The shapes on the {@code orders} collection. */
	public static final List<QueryShape> SHAPES = List.of(
			QueryShape.of(OrderWritesImpl.COLLECTION, Set.of("_id"), ID_INDEX, "an order by id; saga steps read it"),
			QueryShape.of(OrderWritesImpl.COLLECTION, Set.of("_id", "version"), ID_INDEX,
					"a saga step's version-conditional update"),
			QueryShape.of(OrderWritesImpl.COLLECTION, Set.of("_id", "outbox.0", "outboxLease"), ID_INDEX,
					"the outbox relay's claim of an announced order"),
			QueryShape.of(OrderWritesImpl.COLLECTION, Set.of("_id", "outboxOwner"), ID_INDEX,
					"the outbox relay's release of its lease"),
			QueryShape.of(OrderWritesImpl.COLLECTION, Set.of("outbox.0", "outboxLease"), "outbox_pending",
					"the outbox relay's sweep for orphaned outboxes"),
			QueryShape.of(OrderWritesImpl.COLLECTION, Set.of("status"), "status_deadline",
					"the deadline sweep's open orders (start-up, then rarely); the count of GET /orders?status="),
			new QueryShape(OrderWritesImpl.COLLECTION, Set.of("status"), List.of("createdAt"), "status_created",
					"GET /orders?status="),
			new QueryShape(OrderWritesImpl.COLLECTION, Set.of("customerId"), List.of("createdAt"), "customer_created",
					"GET /orders?customerId="),
			QueryShape.of(OrderWritesImpl.COLLECTION, Set.of("customerId"), "customer_created",
					"the count of GET /orders?customerId="),
			new QueryShape(OrderWritesImpl.COLLECTION, Set.of("customerId", "status"), List.of("createdAt"),
					"customer_created", "GET /orders?customerId=&status="),
			QueryShape.of(OrderWritesImpl.COLLECTION, Set.of("customerId", "status"), "customer_created",
					"the count of GET /orders?customerId=&status="),
			new QueryShape(OrderWritesImpl.COLLECTION, Set.of(), List.of("createdAt"), "created", "GET /orders"));

	private OrderQueries() {
	}

}
