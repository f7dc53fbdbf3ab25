package dev.ordersaga.audit;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of audit-fn.
 *
 * @param deadline saga deadline counted from placement, for orders whose
 * {@code order.approved.v1} (with its {@code payBy}) was not seen; keep it equal to
 * order-fn's {@code saga.order.deadline}
 * @param grace how long the audit waits for a consequence that must follow an event (a
 * refund, a credit release, the terminal state after the deadline) before it calls it
 * missing; covers delivery lag between topics and services
 * @param clockSkew how far two services' clocks may disagree before an effect stamped
 * earlier than its cause is out of causal order
 * @param sweepInterval how often sagas whose deadline or grace period ended are judged
 * again
 * @param snapshotInterval how often the overview (metrics, dashboard) is recomputed and
 * pushed to the dashboards
 * @param lagInterval how often the consumer-group lag is read from the broker
 * @param consumerGroups the consumer groups whose lag is reported
 * @param sagaTopics topics whose records are keyed by order id; dead letters from these
 * topics join the order's timeline, others are only counted
 * @param latencySamples how many of the latest terminal sagas the latency percentiles are
 * computed from
 */
@ConfigurationProperties("saga.audit")
public record AuditProperties(@DefaultValue("15m") Duration deadline, @DefaultValue("1m") Duration grace,
		@DefaultValue("2s") Duration clockSkew, @DefaultValue("5s") Duration sweepInterval,
		@DefaultValue("1s") Duration snapshotInterval, @DefaultValue("5s") Duration lagInterval, @DefaultValue( {
				"order-fn", "customer-fn", "payment-fn", "email-fn", "audit-fn" }) List<String> consumerGroups,
		@DefaultValue({ "order-events", "customer-events", "payment-events", "email-events" }) List<String> sagaTopics,
		@DefaultValue("1000") int latencySamples){

	public AuditPolicy policy() {
		return new AuditPolicy(deadline, grace, clockSkew);
	}

}
