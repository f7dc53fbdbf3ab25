package dev.ordersaga.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * The business rules of EVENTS.md the audit checks. {@link #id()} is the name used in the
 * HTTP API ({@code /sagas?rule=}) and in the metrics ({@code rule} tag).
 */
public enum Rule {

	DEADLINE_MISSED("deadline-missed",
			"Every order reaches COMPLETED or CANCELLED by its saga deadline (payBy, else placement + saga.audit.deadline) plus grace"),

	COMPLETED_WITHOUT_CREDIT("completed-without-credit", "A completed order had its credit reserved"),

	COMPLETED_WITHOUT_CHARGE("completed-without-charge", "A completed order was charged"),

	COMPLETED_WITH_REFUND("completed-with-refund", "A completed order is never refunded"),

	MULTIPLE_CHARGES("multiple-charges", "At most one successful charge per order, ever"),

	CHARGE_NOT_REFUNDED("charge-not-refunded", "An order cancelled after it was charged is refunded"),

	MULTIPLE_REFUNDS("multiple-refunds", "An order is refunded at most once"),

	REFUND_WITHOUT_CHARGE("refund-without-charge", "Only a charge is refunded"),

	CHARGED_AFTER_DEADLINE("charged-after-deadline", "Payment is never taken after the order's payBy"),

	CREDIT_NOT_RELEASED("credit-not-released", "An order cancelled after its credit was reserved releases the credit"),

	DUPLICATE_EMAIL("duplicate-email", "At most one e-mail of each kind per order"),

	COMPLETION_EMAIL_FOR_UNCOMPLETED_ORDER("completion-email-for-uncompleted-order",
			"An ORDER_COMPLETED e-mail goes out only for a completed order"),

	TERMINAL_STATE_CHANGED("terminal-state-changed", "COMPLETED and CANCELLED are final: no transition out of them"),

	CAUSAL_ORDER("causal-order", "An event never happens before the event that causes it"),

	ORDER_UNKNOWN("order-unknown", "Every saga event belongs to an order whose order.created.v1 was published"),

	DEAD_LETTER("dead-letter",
			"No record of the order sits in a dead-letter topic without a person having replayed or discarded it");

	private final String id;

	private final String description;

	Rule(String id, String description) {
		this.id = id;
		this.description = description;
	}

	public String id() {
		return id;
	}

	public String description() {
		return description;
	}

	public static Optional<Rule> byId(String id) {
		return Arrays.stream(values()).filter(rule -> rule.id.equals(id)).findFirst();
	}

}
