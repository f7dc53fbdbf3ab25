package dev.ordersaga.email.persistence;

import java.util.List;
import java.util.Set;

import dev.ordersaga.support.mongo.QueryShape;

import static dev.ordersaga.support.mongo.QueryShape.ID_INDEX;

/**
 * Every query email-fn sends to MongoDB, and the index that serves it on a real MongoDB.
 * The path of an e-mail reads and writes by {@code _id} only: its entry (the order's
 * e-mails by the ids their kinds give them, {@code $in} on {@code _id} alone, which the
 * embedded store answers from its primary index too), the contact and order link, the
 * list of e-mails waiting for a customer. Two queries go by content, both periodic
 * fallbacks: the dispatcher's sweep ({@code saga.email.dispatch.interval}) and the outbox
 * relay's. {@code QueryIndexesTest} records the queries the service issues and fails on
 * any that is missing here.
 */
public final class EmailQueries {

	/** The mail log. */
	public static final String EMAILS = MongoEmails.COLLECTION;

	/** Which e-mails wait for a customer's contact. */
	public static final String WAITS = MongoEmails.WAITS;

	/** The contact replica. */
	public static final String CONTACTS = MongoCustomerContacts.COLLECTION;

	/** Order → customer links. */
	public static final String ORDER_CUSTOMERS = "order_customers";

	/** The shapes on every collection of email-fn. */
	public static final List<QueryShape> SHAPES = List.of(
			QueryShape.of(EMAILS, Set.of("_id"), ID_INDEX,
					"an e-mail by id (request, dispatch step, trace); an order's e-mails by the ids of their kinds "
							+ "($in): GET /emails?orderId=, those released by a new order link or a profile"),
			QueryShape.of(EMAILS, Set.of("_id", "version"), ID_INDEX,
					"a step's version-conditional update: claim, outcome, re-announcement"),
			QueryShape.of(EMAILS, Set.of("status", "nextAttemptAt", "leaseUntil", "waitUntil"), "due",
					"the dispatcher's sweep for e-mails it may have lost (start-up, then every dispatch.interval): "
							+ "an $or whose clauses are served by the indexes due {status, nextAttemptAt}, "
							+ "lease {status, leaseUntil} and waiting {status, waitUntil}"),
			QueryShape.of(EMAILS, Set.of("_id", "outbox.0", "outboxLease"), ID_INDEX,
					"the outbox relay's claim of an announced e-mail"),
			QueryShape.of(EMAILS, Set.of("_id", "outboxOwner"), ID_INDEX, "the outbox relay's release of its lease"),
			QueryShape.of(EMAILS, Set.of("outbox.0", "outboxLease"), "outbox_pending",
					"the outbox relay's sweep for orphaned outboxes (every sweep-interval, in bounded batches)"),
			QueryShape.of(WAITS, Set.of("_id"), ID_INDEX,
					"the e-mails waiting for a customer: noted (upsert), taken out when its profile comes"),
			QueryShape.of(CONTACTS, Set.of("_id"), ID_INDEX, "a customer's contact by id"),
			QueryShape.of(CONTACTS, Set.of("_id", "updatedAt"), ID_INDEX,
					"the replacement of a contact, unless a newer one was stored meanwhile"),
			QueryShape.of(ORDER_CUSTOMERS, Set.of("_id"), ID_INDEX, "an order's customer by order id; its link"));

	private EmailQueries() {
	}

}
