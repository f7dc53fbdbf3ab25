package dev.ordersaga.customer.persistence;

import java.util.List;
import java.util.Set;

import dev.ordersaga.support.mongo.QueryShape;

import static dev.ordersaga.support.mongo.QueryShape.ID_INDEX;

/**
 * Every query customer-fn sends to MongoDB, and the index that serves it on a real
 * MongoDB. All but one pin {@code _id}: the credit path reads and writes one customer
 * document by its id, and {@code closedOrders} is read by order id only. The one query by
 * content is the outbox relay's sweep for orphaned outboxes, served by its partial index
 * (created by the relay at start). {@code QueryIndexesTest} records the queries the
 * service issues and fails on any that is missing here.
 */
public final class CustomerQueries {

	/** The collection of closed orders (see {@code ClosedOrder}). */
	public static final String CLOSED_ORDERS = "closedOrders";

	/** The shapes on the {@code customers} and {@code closedOrders} collections. */
	public static final List<QueryShape> SHAPES = List.of(
			QueryShape.of(CustomerWritesImpl.COLLECTION, Set.of("_id"), ID_INDEX,
					"a customer by id: every credit step and GET /customers/{id} read it"),
			QueryShape.of(CustomerWritesImpl.COLLECTION,
					Set.of("_id", "pruned", "creditLimit.currency", "available", "reservations.orderId",
							"refusals.orderId", "cancellations.orderId"),
					ID_INDEX, "the conditional reservation (order.created.v1) and refusal of an order's credit"),
			QueryShape.of(CustomerWritesImpl.COLLECTION,
					Set.of("_id", "pruned", "reservations.orderId", "refusals.orderId", "cancellations.orderId"),
					ID_INDEX, "the cancellation of an order that holds no reservation yet"),
			QueryShape.of(CustomerWritesImpl.COLLECTION, Set.of("_id", "reservations"), ID_INDEX,
					"the release or settlement of an open reservation, the record of the credit it announced"),
			QueryShape.of(CustomerWritesImpl.COLLECTION, Set.of("_id", "pruned"), ID_INDEX,
					"the move of closed entries out of the customer document"),
			QueryShape.of(CustomerWritesImpl.COLLECTION, Set.of("_id", "version", "creditLimit.currency"), ID_INDEX,
					"PATCH /customers/{id}: the version-conditional change"),
			QueryShape.of(CustomerWritesImpl.COLLECTION, Set.of("_id", "version", "creditLimit.currency", "available"),
					ID_INDEX,
					"PATCH /customers/{id}: a lower credit limit, conditional on still covering the reservations"),
			QueryShape.of(CustomerWritesImpl.COLLECTION, Set.of("_id", "outbox.0", "outboxLease"), ID_INDEX,
					"the outbox relay's claim of an announced customer"),
			QueryShape.of(CustomerWritesImpl.COLLECTION, Set.of("_id", "outboxOwner"), ID_INDEX,
					"the outbox relay's release of its lease"),
			QueryShape.of(CustomerWritesImpl.COLLECTION, Set.of("outbox.0", "outboxLease"), "outbox_pending",
					"the outbox relay's sweep for orphaned outboxes (every sweep-interval, in bounded batches)"),
			QueryShape.of(CLOSED_ORDERS, Set.of("_id"), ID_INDEX,
					"a closed order by id: the answer to a redelivery; its idempotent upsert"));

	private CustomerQueries() {
	}

}
