package dev.ordersaga.audit.overview;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.ordersaga.audit.AuditLog;
import dev.ordersaga.audit.AuditObserver;
import dev.ordersaga.audit.AuditProperties;
import dev.ordersaga.audit.DeadLetter;
import dev.ordersaga.audit.DeadLetterAction;
import dev.ordersaga.audit.Rule;
import dev.ordersaga.audit.SagaEvent;
import dev.ordersaga.audit.SagaReport;
import dev.ordersaga.audit.SagaState;
import dev.ordersaga.audit.messaging.ConsumerLag.GroupLag;

import org.springframework.stereotype.Component;

/**
 * The audit in Micrometer terms (Prometheus at {@code /actuator/prometheus}). Gauges and
 * totals come from the latest overview, whose counts are rebuilt from the store at
 * start-up, so a restart neither loses nor double-counts them; counters of what this
 * instance read come from the audit itself. An alert fires on
 * {@code saga_audit_violations > 0}.
 */
@Component
class AuditMetrics implements AuditObserver {

	private final MeterRegistry meters;

	private final LiveOverview live;

	private final Set<String> deadLetterTopics = ConcurrentHashMap.newKeySet();

	AuditMetrics(MeterRegistry meters, LiveOverview live, AuditProperties properties) {
		this.meters = meters;
		this.live = live;
		for (SagaState state : SagaState.values()) {
			gauge("saga.audit.sagas", "Sagas per lifecycle state", "state", state.name(),
					overview -> overview.sagas().byState().getOrDefault(state.name(), 0L));
		}
		gauge("saga.audit.sagas.in.flight", "Sagas running within their deadline", null, null,
				overview -> overview.sagas().inFlight());
		gauge("saga.audit.sagas.stuck", "Sagas not terminal past their deadline plus grace", null, null,
				overview -> overview.sagas().stuck());
		for (Rule rule : Rule.values()) {
			gauge("saga.audit.violations", "Sagas currently breaking the rule", "rule", rule.id(),
					overview -> overview.violations().byRule().getOrDefault(rule.id(), 0L));
		}
		gauge("saga.audit.consistent", "1 when no saga breaks a rule, else 0", null, null,
				overview -> "CONSISTENT".equals(overview.verdict()) ? 1 : 0);
		for (String group : properties.consumerGroups()) {
			gauge("saga.audit.consumer.lag", "Records the consumer group has not consumed yet (NaN: unknown)", "group",
					group, overview -> {
						GroupLag lag = overview.consumerLag().get(group);
						return lag == null || lag.lag() == null ? Double.NaN : lag.lag();
					});
		}
		gauge("saga.audit.read.lag.seconds",
				"How far behind the oldest saga-topic record audit-fn has not read yet is (NaN: unknown)", null, null,
				overview -> overview.lagSeconds() == null ? Double.NaN : overview.lagSeconds());
		gauge("saga.audit.latency.p95", "95th percentile end-to-end latency of the latest terminal sagas", null, null,
				overview -> overview.latency().p95Ms() == null ? Double.NaN : overview.latency().p95Ms() / 1000.0);
		FunctionCounter.builder("saga.audit.duplicates", live, source -> source.latest().overview().duplicates())
			.description("Extra copies of events delivered (counted, not an error)")
			.register(meters);
		live.subscribe(
				snapshot -> snapshot.overview().deadLetters().byTopic().keySet().forEach(this::deadLetterCounter));
	}

	private void gauge(String name, String description, String tag, String value,
			ToDoubleFunction<ConsistencyOverview> reading) {
		Gauge.Builder<LiveOverview> builder = Gauge
			.builder(name, live, source -> reading.applyAsDouble(source.latest().overview()))
			.description(description);
		if (tag != null) {
			builder.tag(tag, value);
		}
		builder.register(meters);
	}

	private void deadLetterCounter(String topic) {
		if (deadLetterTopics.add(topic)) {
			FunctionCounter
				.builder("saga.audit.deadletters", live,
						source -> source.latest().overview().deadLetters().byTopic().getOrDefault(topic, 0L))
				.description("Records in the dead-letter topic")
				.tag("topic", topic)
				.register(meters);
		}
	}

	@Override
	public void eventRecorded(SagaEvent event, AuditLog.Recorded outcome) {
		meters
			.counter("saga.audit.events", "topic", event.position().topic(), "outcome",
					outcome.name().toLowerCase(java.util.Locale.ROOT))
			.increment();
	}

	@Override
	public void deadLetterActed(DeadLetter deadLetter, DeadLetterAction action) {
		meters
			.counter("saga.audit.deadletter.actions", "topic", deadLetter.position().topic(), "action",
					action.kind().name().toLowerCase(java.util.Locale.ROOT))
			.increment();
	}

	@Override
	public void sagaChanged(Optional<SagaReport> before, SagaReport after) {
		boolean wasTerminal = before.map(report -> report.state().isTerminal()).orElse(false);
		if (!wasTerminal && after.state().isTerminal() && after.latency() != null) {
			Timer.builder("saga.audit.latency")
				.description("End-to-end saga latency: placement to terminal state")
				.tag("state", after.state().name())
				.publishPercentileHistogram()
				.minimumExpectedValue(Duration.ofMillis(10))
				.maximumExpectedValue(Duration.ofHours(2))
				.register(meters)
				.record(after.latency());
		}
		Set<Rule> known = before.map(report -> Set.copyOf(report.rules())).orElse(Set.of());
		after.rules()
			.stream()
			.filter(rule -> !known.contains(rule))
			.forEach(rule -> meters.counter("saga.audit.violations.detected", "rule", rule.id()).increment());
	}

}
