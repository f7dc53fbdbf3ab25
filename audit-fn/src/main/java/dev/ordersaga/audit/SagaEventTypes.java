package dev.ordersaga.audit;

import java.util.List;
import java.util.Set;

/**
 * The {@code ce_type}s the rules read (EVENTS.md). Other types on the saga topics are
 * kept in the timeline and otherwise ignored (tolerant reader).
 */
public final class SagaEventTypes {

	public static final String ORDER_CREATED = "order.created.v1";

	public static final String ORDER_APPROVED = "order.approved.v1";

	public static final String ORDER_COMPLETED = "order.completed.v1";

	public static final String ORDER_CANCELLED = "order.cancelled.v1";

	public static final String CREDIT_RESERVED = "credit.reserved.v1";

	public static final String CREDIT_LIMIT_EXCEEDED = "credit.limit-exceeded.v1";

	public static final String CUSTOMER_NOT_FOUND = "customer.not-found.v1";

	public static final String CREDIT_RELEASED = "credit.released.v1";

	public static final String PAYMENT_PROCESSED = "payment.processed.v1";

	public static final String PAYMENT_FAILED = "payment.failed.v1";

	public static final String PAYMENT_REFUNDED = "payment.refunded.v1";

	public static final String EMAIL_SENT = "email.sent.v1";

	public static final String EMAIL_FAILED = "email.failed.v1";

	/**
	 * Every type audit-fn reads: each is pinned by a contract in
	 * {@code contracts/<producer>/audit-fn/} (its {@code ContractCoverageTest}).
	 */
	public static final Set<String> READ = Set.of(ORDER_CREATED, ORDER_APPROVED, ORDER_COMPLETED, ORDER_CANCELLED,
			CREDIT_RESERVED, CREDIT_LIMIT_EXCEEDED, CUSTOMER_NOT_FOUND, CREDIT_RELEASED, PAYMENT_PROCESSED,
			PAYMENT_FAILED, PAYMENT_REFUNDED, EMAIL_SENT, EMAIL_FAILED);

	/**
	 * The order's own lifecycle, published by order-fn in this order on one partition.
	 */
	static final Set<String> LIFECYCLE = Set.of(ORDER_CREATED, ORDER_APPROVED, ORDER_COMPLETED, ORDER_CANCELLED);

	/** Where order-fn publishes the order's lifecycle. */
	public static final String ORDER_EVENTS = "order-events";

	/** Where customer-fn publishes credit decisions. */
	public static final String CUSTOMER_EVENTS = "customer-events";

	/** Where payment-fn publishes charges and refunds. */
	public static final String PAYMENT_EVENTS = "payment-events";

	/** Where email-fn publishes what it sent. */
	public static final String EMAIL_EVENTS = "email-events";

	/** The saga topics whose read position decides whether a missing event is missing. */
	public static final List<String> TOPICS = List.of(ORDER_EVENTS, CUSTOMER_EVENTS, PAYMENT_EVENTS, EMAIL_EVENTS);

	private SagaEventTypes() {
	}

}
