package dev.ordersaga.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lag between topics is no violation: while audit-fn has not read order-events past a
 * saga's events, an order whose {@code order.created.v1} it has not seen is not called
 * unknown, and {@code /consistency} says that the audit is behind and by how much. Once
 * it catches up the saga gets its right verdict, and an order that really was never
 * created is reported.
 */
@Order(4)
class LagAwareAuditTest extends AuditFnTestBase {

	static final List<String> BINDINGS = List.of("auditEvents-in-0", "auditDeadLetters-in-0");

	@Autowired
	BindingsLifecycleController bindings;

	@Autowired
	SagaAuditing auditing;

	@Test
	void callsNoOrderUnknownWhileOrderEventsAreReadBehindAndJudgesRightlyAfterCatchingUp() {
		SagaScript placed = SagaScript.order(Instant.now()).created().reserved();
		SagaScript neverPlaced = SagaScript.order(Instant.now()).reserved();
		// a record that is no saga event, on the partition of the placed order: read, it
		// dates how far that partition was read
		publish("order-events", placed.orderId, Map.of("ce_type", "no.saga.event"), new byte[0]);
		await().atMost(WAIT).until(() -> !consistency().path("behind").asBoolean(true));

		BINDINGS.forEach(bindings::stop);
		try {
			publish(placed.orderId, placed.step("order.created.v1"));
			// customer-events read before order-events: the reservations arrive first
			auditing.record(asRead(placed, placed.step("credit.reserved.v1"), 1));
			auditing.record(asRead(neverPlaced, neverPlaced.step("credit.reserved.v1"), 2));

			await().atMost(WAIT)
				.until(this::consistency, overview -> overview.path("behind").asBoolean()
						&& overview.path("lagSeconds").isNumber() && overview.path("lagSeconds").asDouble() > 0);
			// twice the grace period: without the read horizon both orders would be
			// unknown
			await().during(Duration.ofSeconds(4))
				.atMost(WAIT)
				.untilAsserted(() -> List.of(placed, neverPlaced).forEach(script -> {
					JsonNode saga = saga(script.orderId);
					assertThat(saga.path("findings")).as("findings of %s while behind", script.orderId).isEmpty();
					assertThat(saga.path("verdict").asString()).isEqualTo("IN_PROGRESS");
				}));
		}
		finally {
			BINDINGS.forEach(bindings::start);
		}

		JsonNode caughtUp = awaitSaga(placed.orderId, saga -> "PENDING".equals(saga.path("state").asString()));
		assertThat(caughtUp.path("findings")).isEmpty();
		assertThat(caughtUp.path("verdict").asString()).isEqualTo("IN_PROGRESS");
		JsonNode unknown = awaitSaga(neverPlaced.orderId, saga -> saga.path("findings").size() > 0);
		assertThat(unknown.path("findings")).extracting(finding -> finding.path("rule").asString())
			.containsExactly(Rule.ORDER_UNKNOWN.id());
		assertThat(unknown.at("/findings/0/evidence")).extracting(item -> item.path("eventId").asString())
			.containsExactly(neverPlaced.step("credit.reserved.v1").id());
		await().atMost(WAIT).until(() -> !consistency().path("behind").asBoolean(true));
		assertThat(saga(placed.orderId).path("findings")).isEmpty();
	}

	/** The event as the binding would hand it over from customer-events. */
	private static SagaEvent asRead(SagaScript script, SagaScript.Step step, long offset) {
		Map<String, String> facts = Map.of("customerId", script.customerId, "amount", "30000 KRW");
		return new SagaEvent(step.id(), script.orderId, step.type(), step.source(), step.time(),
				new Position(step.topic(), 0, Long.MAX_VALUE - offset),
				TraceContext.parse(step.traceparent()).orElseThrow(), Instant.now(), facts, 1);
	}

}
