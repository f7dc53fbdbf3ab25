package dev.ordersaga.audit;

import java.time.Duration;
import java.util.Objects;

/**
 * The time limits the rules judge by.
 *
 * @param deadline the saga deadline counted from placement, used when no
 * {@code order.approved.v1} told the order's {@code payBy}; matches order-fn's
 * {@code saga.order.deadline}
 * @param grace how long after the moment an event's consequence was due the audit waits
 * before calling it missing (delivery lag between topics and services)
 * @param clockSkew how far the clocks of two producers may disagree before an effect
 * stamped earlier than its cause counts as out of causal order
 */
public record AuditPolicy(Duration deadline, Duration grace, Duration clockSkew) {

	public AuditPolicy {
		Objects.requireNonNull(deadline, "deadline");
		Objects.requireNonNull(grace, "grace");
		Objects.requireNonNull(clockSkew, "clockSkew");
	}

}
