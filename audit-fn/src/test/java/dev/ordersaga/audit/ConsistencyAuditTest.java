package dev.ordersaga.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auditor on the real broker: a clean mix of sagas is judged consistent; then each
 * rule is broken on purpose by publishing crafted events straight to the topics, and
 * exactly that violation is reported for exactly that order, with the evidence.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsistencyAuditTest extends AuditFnTestBase {

	static final List<SagaScript> MIX = new ArrayList<>();

	@Test
	@Order(1)
	void judgesANormalMixOfSagasConsistentWithZeroViolations() {
		Instant now = Instant.now();
		for (int round = 0; round < 2; round++) {
			MIX.add(SagaScript.completed(now));
			MIX.add(SagaScript.creditRefused(now));
			MIX.add(SagaScript.unknownCustomer(now));
			MIX.add(SagaScript.paymentDeclined(now));
			MIX.add(SagaScript.customerCancel(now));
			MIX.add(SagaScript.lateChargeRefunded(now));
		}
		MIX.forEach(this::publish);

		MIX.forEach(script -> awaitVerdict(script.orderId, "CONSISTENT"));
		JsonNode overview = consistency();
		assertThat(overview.path("verdict").asString()).isEqualTo("CONSISTENT");
		assertThat(overview.at("/violations/sagas").asLong()).isZero();
		assertThat(byRule(overview).values()).hasSize(Rule.values().length).containsOnly(0L);
		assertThat(overview.at("/sagas/total").asLong()).isEqualTo(12);
		assertThat(overview.at("/sagas/byState/COMPLETED").asLong()).isEqualTo(2);
		assertThat(overview.at("/sagas/byState/CANCELLED").asLong()).isEqualTo(10);
		assertThat(overview.at("/sagas/inFlight").asLong()).isZero();
		assertThat(overview.at("/sagas/stuck").asLong()).isZero();
		assertThat(overview.path("duplicates").asLong()).isZero();
		assertThat(overview.at("/deadLetters/total").asLong()).isZero();
		assertThat(overview.path("events").asLong())
			.isEqualTo(MIX.stream().mapToLong(script -> script.steps().size()).sum());
		assertThat(overview.at("/latency/samples").asInt()).isEqualTo(12);
		assertThat(overview.at("/latency/p99Ms").asLong()).isPositive();
		await().atMost(WAIT).until(() -> consistency().at("/consumerLag/audit-fn/lag").asLong(-1) == 0);
	}

	@Test
	@Order(2)
	void keepsOneTimelinePerOrderWithPositionsProducersTracesAndLags() {
		SagaScript script = MIX.getFirst();

		JsonNode saga = saga(script.orderId);

		assertThat(saga.path("state").asString()).isEqualTo("COMPLETED");
		assertThat(saga.path("latencyMs").asLong())
			.isEqualTo(Duration.between(script.steps().getFirst().time(), script.step("order.completed.v1").time())
				.toMillis());
		assertThat(saga.path("traceIds")).extracting(JsonNode::asString).containsExactly(script.traceId);
		List<JsonNode> timeline = StreamSupport.stream(saga.path("timeline").spliterator(), false).toList();
		assertThat(timeline).extracting(step -> step.path("type").asString())
			.containsExactlyElementsOf(script.steps().stream().map(SagaScript.Step::type).toList());
		assertThat(timeline).extracting(step -> step.path("producer").asString())
			.containsExactly("order-fn", "customer-fn", "order-fn", "payment-fn", "email-fn", "order-fn", "email-fn");
		assertThat(timeline).allSatisfy(step -> {
			assertThat(step.path("traceId").asString()).isEqualTo(script.traceId);
			assertThat(step.path("offset").asLong()).isNotNegative();
			assertThat(step.path("partition").asInt()).isBetween(0, 1);
		});
		assertThat(timeline.getFirst().path("sincePreviousMs").isNull()).isTrue();
		assertThat(timeline.get(1).path("sincePreviousMs").asLong()).isEqualTo(SagaScript.STEP.toMillis());
		assertThat(timeline.get(1).path("topic").asString()).isEqualTo("customer-events");
		assertThat(timeline.get(2).at("/facts/payBy").asString()).isNotBlank();
		assertThat(timeline.get(2).at("/facts/paymentMethod").isMissingNode()).as("payment tokens are never stored")
			.isTrue();
	}

	@Test
	void reportsASecondDifferentPaymentProcessed() {
		SagaScript script = SagaScript.completed(Instant.now())
			.withId("second-" + java.util.UUID.randomUUID())
			.processed();

		assertOnlyViolation(script, Rule.MULTIPLE_CHARGES, script.ids("payment.processed.v1").toArray(String[]::new));
	}

	@Test
	void reportsAnOrderCompletedWithoutPayment() {
		SagaScript script = SagaScript.order(Instant.now()).created().reserved().approved().completed();

		assertOnlyViolation(script, Rule.COMPLETED_WITHOUT_CHARGE, script.ids("order.completed.v1").getFirst());
	}

	@Test
	void reportsAMissingRefund() {
		SagaScript script = SagaScript.order(Instant.now())
			.created()
			.reserved()
			.approved()
			.cancelled("TIMEOUT")
			.released()
			.processed();

		assertOnlyViolation(script, Rule.CHARGE_NOT_REFUNDED, script.ids("order.cancelled.v1").getFirst(),
				script.ids("payment.processed.v1").getFirst());
	}

	@Test
	void reportsAPassedDeadlineAsViolationAndStuckSaga() {
		Instant start = Instant.now().minus(Duration.ofMinutes(20));
		SagaScript script = SagaScript.order(start).created().reserved().approved(start.plus(Duration.ofMinutes(15)));

		JsonNode saga = assertOnlyViolation(script, Rule.DEADLINE_MISSED, script.ids("order.created.v1").getFirst(),
				script.ids("order.approved.v1").getFirst());

		assertThat(saga.path("stuck").asBoolean()).isTrue();
		assertThat(saga.path("state").asString()).isEqualTo("APPROVED");
		JsonNode overview = consistency();
		assertThat(overview.at("/sagas/stuck").asLong()).isEqualTo(1);
		assertThat(overview.path("stuck")).extracting(stuck -> stuck.path("orderId").asString())
			.containsExactly(script.orderId);
	}

	@Test
	void reportsACompletedOrderWithoutCreditReservation() {
		SagaScript script = SagaScript.order(Instant.now()).created().approved().processed().completed();

		assertOnlyViolation(script, Rule.COMPLETED_WITHOUT_CREDIT, script.ids("order.completed.v1").getFirst());
	}

	@Test
	void reportsARefundOfACompletedOrder() {
		SagaScript script = SagaScript.completed(Instant.now()).refunded();

		assertOnlyViolation(script, Rule.COMPLETED_WITH_REFUND, script.ids("order.completed.v1").getFirst(),
				script.ids("payment.refunded.v1").getFirst());
	}

	@Test
	void reportsASecondRefund() {
		SagaScript script = SagaScript.lateChargeRefunded(Instant.now())
			.withId("second-" + java.util.UUID.randomUUID())
			.refunded();

		assertOnlyViolation(script, Rule.MULTIPLE_REFUNDS, script.ids("payment.refunded.v1").toArray(String[]::new));
	}

	@Test
	void reportsARefundWithoutCharge() {
		SagaScript script = SagaScript.customerCancel(Instant.now()).refunded();

		assertOnlyViolation(script, Rule.REFUND_WITHOUT_CHARGE, script.ids("payment.refunded.v1").getFirst());
	}

	@Test
	void reportsAChargeAfterPayBy() {
		Instant start = Instant.now().minus(Duration.ofMinutes(10));
		Instant payBy = start.plusSeconds(5);
		SagaScript script = SagaScript.order(start)
			.created()
			.reserved()
			.approved(payBy)
			.at(payBy.plusMillis(300))
			.cancelled("TIMEOUT")
			.released()
			.at(payBy.plus(Duration.ofMinutes(1)))
			.processed()
			.refunded();

		assertOnlyViolation(script, Rule.CHARGED_AFTER_DEADLINE, script.ids("order.approved.v1").getFirst(),
				script.ids("payment.processed.v1").getFirst());
	}

	@Test
	void reportsACreditNeverReleased() {
		SagaScript script = SagaScript.order(Instant.now())
			.created()
			.reserved()
			.approved()
			.cancelled("CUSTOMER_REQUEST");

		assertOnlyViolation(script, Rule.CREDIT_NOT_RELEASED, script.ids("credit.reserved.v1").getFirst(),
				script.ids("order.cancelled.v1").getFirst());
	}

	@Test
	void reportsTheSameEmailSentTwice() {
		SagaScript script = SagaScript.completed(Instant.now());
		String first = script.ids("email.sent.v1").getFirst();
		script.withId("second-" + java.util.UUID.randomUUID()).email("PAYMENT_COMPLETED");

		assertOnlyViolation(script, Rule.DUPLICATE_EMAIL, first, script.ids("email.sent.v1").getLast());
	}

	@Test
	void reportsAnOrderCompletedEmailForACancelledOrder() {
		SagaScript script = SagaScript.creditRefused(Instant.now()).email("ORDER_COMPLETED");

		assertOnlyViolation(script, Rule.COMPLETION_EMAIL_FOR_UNCOMPLETED_ORDER, script.ids("email.sent.v1").getLast(),
				script.ids("order.cancelled.v1").getFirst());
	}

	@Test
	void reportsATransitionOutOfATerminalState() {
		SagaScript script = SagaScript.completed(Instant.now()).cancelled("CUSTOMER_REQUEST");

		JsonNode saga = assertOnlyViolation(script, Rule.TERMINAL_STATE_CHANGED,
				script.ids("order.completed.v1").getFirst(), script.ids("order.cancelled.v1").getFirst());

		assertThat(saga.path("state").asString()).isEqualTo("COMPLETED");
	}

	@Test
	void judgesAnApprovalPublishedAfterTheCancelButStampedBeforeItAsNoMoveOutOfCancelled() {
		Instant now = Instant.now();
		SagaScript script = SagaScript.order(now)
			.created()
			.reserved()
			.at(now.plusMillis(500))
			.cancelled("CUSTOMER_REQUEST")
			.at(now.plusMillis(400))
			.approved()
			.at(now.plusMillis(600))
			.released()
			.email("ORDER_CANCELLED");

		publish(script);

		JsonNode saga = awaitSaga(script.orderId, s -> "CONSISTENT".equals(s.path("verdict").asString())
				&& s.path("events").asInt() == script.steps().size());
		assertThat(saga.path("state").asString()).isEqualTo("CANCELLED");
		assertThat(saga.path("findings")).isEmpty();
		assertThat(saga.path("timeline")).extracting(step -> step.path("type").asString())
			.containsSubsequence("order.approved.v1", "order.cancelled.v1");
	}

	@Test
	void reportsEventsOutOfCausalOrder() {
		Instant now = Instant.now();
		SagaScript script = SagaScript.order(now)
			.created()
			.at(now.minus(Duration.ofMinutes(1)))
			.reserved()
			.at(now.plusSeconds(1))
			.approved()
			.processed()
			.email("PAYMENT_COMPLETED")
			.completed()
			.email("ORDER_COMPLETED");

		assertOnlyViolation(script, Rule.CAUSAL_ORDER, script.ids("order.created.v1").getFirst(),
				script.ids("credit.reserved.v1").getFirst());
	}

	@Test
	void reportsEventsOfAnOrderNeverCreated() {
		SagaScript script = SagaScript.order(Instant.now()).processed();

		assertOnlyViolation(script, Rule.ORDER_UNKNOWN, script.ids("payment.processed.v1").getFirst());
	}

	@Test
	void putsDeadLettersOnTheOrdersTimelineAndCountsThem() {
		SagaScript script = SagaScript.completed(Instant.now());
		long before = consistency().at("/deadLetters/byTopic/payment-events.dlq").asLong(0);
		Map<String, byte[]> headers = new HashMap<>();
		headers.put("ce_type", bytes("payment.processed.v1"));
		headers.put("x-original-topic", bytes("payment-events"));
		headers.put("x-original-partition", ByteBuffer.allocate(4).putInt(1).array());
		headers.put("x-original-offset", ByteBuffer.allocate(8).putLong(42).array());
		headers.put("x-exception-message", bytes("Unreadable payment.processed.v1 event: not JSON"));
		headers.put("x-exception-fqcn", bytes("dev.ordersaga.support.events.PoisonMessageException"));
		headers.put("ce_id", bytes("poison-" + script.orderId));

		JsonNode saga = assertOnlyViolation(script, () -> {
			publish(script);
			publishRaw("payment-events.dlq", script.orderId, headers, bytes("not json at all"));
		}, Rule.DEAD_LETTER, "poison-" + script.orderId);

		assertThat(saga.at("/findings/0/evidence/0/note").asString())
			.isEqualTo("from payment-events/1/42: Unreadable payment.processed.v1 event: not JSON");
		assertThat(saga.path("timeline")).anySatisfy(step -> {
			assertThat(step.path("kind").asString()).isEqualTo("DEAD_LETTER");
			assertThat(step.path("producer").asString()).isEqualTo("dead letters");
			assertThat(step.at("/original/offset").asLong()).isEqualTo(42);
		});
		assertThat(consistency().at("/deadLetters/byTopic/payment-events.dlq").asLong()).isEqualTo(before + 1);
	}

	@Test
	void countsDeadLettersOfTopicsNotKeyedByOrderWithoutInventingASaga() {
		String customerId = java.util.UUID.randomUUID().toString();
		long before = consistency().at("/deadLetters/total").asLong();

		publish("customer-profiles.dlq", customerId, Map.of("x-original-topic", "customer-profiles",
				"x-exception-message", "Invalid customer.registered.v1 event"), bytes("{}"));

		await().atMost(WAIT).until(() -> consistency().at("/deadLetters/byTopic/customer-profiles.dlq").asLong(0) == 1);
		assertThat(consistency().at("/deadLetters/total").asLong()).isEqualTo(before + 1);
		assertThat(saga(customerId)).isNull();
	}

	@Test
	void countsADuplicateDeliveryWithoutCallingItAViolation() {
		SagaScript script = SagaScript.completed(Instant.now());
		long before = consistency().path("duplicates").asLong();
		publish(script);
		// every event read (the topics are read independently), before its second copy
		awaitSaga(script.orderId, saga -> "CONSISTENT".equals(saga.path("verdict").asString())
				&& saga.path("events").asInt() == script.steps().size());

		publish(script.orderId, script.step("payment.processed.v1"));

		JsonNode saga = awaitSaga(script.orderId, s -> s.path("duplicates").asInt() == 1);
		assertThat(saga.path("verdict").asString()).isEqualTo("CONSISTENT");
		assertThat(saga.path("findings")).isEmpty();
		assertThat(saga.path("events").asInt()).isEqualTo(script.steps().size());
		assertThat(saga.path("timeline")).filteredOn(step -> step.path("copies").asInt() == 2)
			.extracting(step -> step.path("type").asString())
			.containsExactly("payment.processed.v1");
		assertThat(consistency().path("duplicates").asLong()).isEqualTo(before + 1);
	}

	@Test
	void reportsTheConsumerLagOfEveryServiceGroupFromTheBroker() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
			List<TopicPartition> partitions = List.of(new TopicPartition("order-events", 0),
					new TopicPartition("order-events", 1));
			long end = 0;
			for (var info : admin
				.listOffsets(partitions.stream()
					.collect(java.util.stream.Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
				.all()
				.get()
				.values()) {
				end += info.offset();
			}
			Map<TopicPartition, OffsetAndMetadata> atStart = new HashMap<>();
			partitions.forEach(partition -> atStart.put(partition, new OffsetAndMetadata(0)));
			admin.alterConsumerGroupOffsets("payment-fn", atStart).all().get();
			long expected = end;

			await().atMost(WAIT).until(() -> consistency().at("/consumerLag/payment-fn/lag").asLong(-1) == expected);
			assertThat(consistency().at("/consumerLag/payment-fn/byTopic/order-events").asLong()).isEqualTo(expected);
			assertThat(consistency().at("/consumerLag/customer-fn/lag").isNull()).as("a group without offsets")
				.isTrue();
			await().atMost(WAIT)
				.until(() -> prometheus().contains(
						"saga_audit_consumer_lag{application=\"audit-fn\",group=\"payment-fn\"} " + (double) expected));
		}
	}

	@Test
	void exposesSagaStatesAndViolationsByRuleAsPrometheusMetrics() {
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode overview = consistency();
			String metrics = prometheus();
			for (Map.Entry<String, Long> rule : byRule(overview).entrySet()) {
				assertThat(metric(metrics, "saga_audit_violations", "rule", rule.getKey())).isEqualTo(rule.getValue());
			}
			for (String state : List.of("PENDING", "APPROVED", "COMPLETED", "CANCELLED", "UNKNOWN")) {
				assertThat(metric(metrics, "saga_audit_sagas", "state", state))
					.isEqualTo(overview.at("/sagas/byState/" + state).asLong());
			}
			assertThat(metrics).contains("saga_audit_duplicates_total")
				.contains("saga_audit_consistent")
				.contains("saga_audit_latency_seconds_bucket")
				.contains("saga_audit_events_total");
		});
	}

	@Test
	void listsSagasByStateRuleAndTimeAndRejectsAnUnknownRule() {
		SagaScript refused = SagaScript.creditRefused(Instant.now());
		publish(refused);
		awaitVerdict(refused.orderId, "CONSISTENT");

		JsonNode cancelled = get("/sagas?state=CANCELLED&since=" + refused.steps().getFirst().time() + "&size=100");
		JsonNode none = get("/sagas?state=COMPLETED&rule=charge-not-refunded");
		int unknownRule = http().get()
			.uri("/sagas?rule=no-such-rule")
			.exchange((request, response) -> response.getStatusCode().value());

		assertThat(cancelled.path("content")).extracting(saga -> saga.path("orderId").asString())
			.contains(refused.orderId);
		assertThat(cancelled.path("content"))
			.allSatisfy(saga -> assertThat(saga.path("state").asString()).isEqualTo("CANCELLED"));
		assertThat(cancelled.at("/page/size").asInt()).isEqualTo(100);
		assertThat(none.path("content")).isEmpty();
		assertThat(unknownRule).isEqualTo(400);
		assertThat(http().get()
			.uri("/sagas/no-such-order")
			.exchange((request, response) -> response.getHeaders().getContentType())
			.toString()).isEqualTo("application/problem+json");
	}

	/**
	 * Waits for the finding, then checks it is the only one, and that the overall count
	 * moved by exactly it.
	 */
	private JsonNode assertOnlyViolation(SagaScript script, Rule rule, String... evidence) {
		return assertOnlyViolation(script, () -> publish(script), rule, evidence);
	}

	private JsonNode assertOnlyViolation(SagaScript script, Runnable publishing, Rule rule, String... evidence) {
		Map<String, Long> before = byRule(consistency());
		publishing.run();
		JsonNode saga = awaitSaga(script.orderId, s -> s.path("findings").size() > 0);
		assertThat(saga.path("findings")).extracting(finding -> finding.path("rule").asString())
			.as("findings of %s", script.orderId)
			.containsExactly(rule.id());
		assertThat(saga.path("verdict").asString()).isEqualTo("VIOLATED");
		assertThat(saga.at("/findings/0/evidence")).extracting(item -> item.path("eventId").asString())
			.containsExactlyInAnyOrder(evidence);
		assertThat(saga.at("/findings/0/message").asString()).isNotBlank();
		Map<String, Long> expected = new TreeMap<>(before);
		expected.merge(rule.id(), 1L, Long::sum);
		await().atMost(WAIT).untilAsserted(() -> assertThat(byRule(consistency())).isEqualTo(expected));
		assertThat(get("/sagas?rule=" + rule.id() + "&size=100").path("content"))
			.extracting(item -> item.path("orderId").asString())
			.contains(script.orderId);
		return saga;
	}

	private static Map<String, Long> byRule(JsonNode overview) {
		Map<String, Long> counts = new TreeMap<>();
		overview.at("/violations/byRule").forEachEntry((rule, n) -> counts.put(rule, n.asLong()));
		return counts;
	}

	private String prometheus() {
		return management().get().uri("/actuator/prometheus").retrieve().body(String.class);
	}

	private static long metric(String metrics, String name, String tag, String value) {
		Matcher match = Pattern
			.compile("(?m)^" + name + "\\{[^}]*" + tag + "=\"" + Pattern.quote(value) + "\"[^}]*} ([0-9.E+-]+)$")
			.matcher(metrics);
		assertThat(match.find()).as("%s{%s=%s} in %n%s", name, tag, value, metrics).isTrue();
		return (long) Double.parseDouble(match.group(1));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
