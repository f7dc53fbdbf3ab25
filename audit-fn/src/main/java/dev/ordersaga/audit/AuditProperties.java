package dev.ordersaga.audit;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of audit-fn.
 *
 * @param deadline saga deadline counted from placement, only for orders whose
 * {@code order.approved.v1} (with the order's own {@code payBy}) was not seen; must equal
 * order-fn's {@code saga.order.deadline} (order-fn sets {@code payBy} = placement + that
 * deadline), or pending orders are judged by another deadline than order-fn's
 * @param grace how long the audit waits for a consequence that must follow an event (a
 * refund, a credit release, the terminal state after the deadline) before it calls it
 * missing; covers delivery lag between topics and services
 * @param clockSkew how far two services' clocks may disagree before an effect stamped
 * earlier than its cause is out of causal order
 * @param sweepInterval how often sagas whose deadline or grace period ended are judged
 * again
 * @param snapshotInterval how often the overview (metrics, dashboard) is taken from the
 * in-memory saga index and pushed to the dashboards
 * @param lagInterval how often the consumer-group lag and the end offsets of the saga
 * topics (how far audit-fn has read them) are read from the broker
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
