package dev.ordersaga.payment.persistence;

import java.util.List;
import java.util.Set;

import dev.ordersaga.support.mongo.QueryShape;

import org.springframework.data.mongodb.core.index.IndexDefinition;

import static dev.ordersaga.support.mongo.QueryShape.ID_INDEX;

/**
 * Every query payment-fn sends to MongoDB, and the index that serves it on a real
 * MongoDB. Every step of a payment reads and writes its document by {@code _id} (the
 * order id); re-checks are claimed by {@code _id} from the in-memory list of
 * {@link MongoRechecks}, whose sweep, at start-up and then once per lease, is the one
 * query by content (index on {@code due}, created at start). {@code QueryIndexesTest}
 * records the queries the service issues and fails on any that is missing here.
 */
public final class PaymentQueries {

	/** The collection of payments. */
	public static final String PAYMENTS = PaymentWritesImpl.COLLECTION;

	/** The collection of waiting re-checks. */
	public static final String RECHECKS = MongoRechecks.COLLECTION;

	/** The shapes on the {@code payments} and {@code payment-rechecks} collections. */
	public static final List<QueryShape> SHAPES = List.of(
			QueryShape.of(PAYMENTS, Set.of("_id"), ID_INDEX,
					"a payment by order id: every saga step, a re-check and GET /payments?orderId= read it"),
			QueryShape.of(PAYMENTS, Set.of("_id", "version"), ID_INDEX, "a step's version-conditional update"),
			QueryShape.of(RECHECKS, Set.of("_id"), ID_INDEX, "a re-check scheduled (upsert) or removed"),
			QueryShape.of(RECHECKS, Set.of("_id", MongoRechecks.DUE), ID_INDEX,
					"the claim of a due re-check, conditional on the due time known"),
			new QueryShape(RECHECKS, Set.of(MongoRechecks.DUE), List.of(MongoRechecks.DUE), MongoRechecks.DUE_INDEX,
					"the sweep for re-checks of other replicas (start-up, then once per lease)"));

	private PaymentQueries() {
	}

	/** The indexes payment-fn creates at start besides those its documents declare. */
	public static List<IndexDefinition> createdAtStart() {
		return List.of(MongoRechecks.dueIndex());
	}

}
