package dev.ordersaga.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of EVENTS.md, one breach at a time, on plain values. */
class SagaAuditTest {

	static final Duration GRACE = Duration.ofMinutes(1);

	static final AuditPolicy POLICY = new AuditPolicy(Duration.ofMinutes(15), GRACE, Duration.ofSeconds(2));

	static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

	/** Late enough that every grace period of a story has ended, before any deadline. */
	static final Instant SETTLED = START.plus(Duration.ofMinutes(5));

	final SagaAudit audit = new SagaAudit(POLICY);

	SagaReport evaluate(SagaScript script, Instant now) {
		return audit.evaluate(script.orderId, script.events(), List.of(), now);
	}

	static Stream<Arguments> normalSagas() {
		return Stream.of(
				Arguments.of("completed", (Function<Instant, SagaScript>) SagaScript::completed, SagaState.COMPLETED),
				Arguments.of("credit refused", (Function<Instant, SagaScript>) SagaScript::creditRefused,
						SagaState.CANCELLED),
				Arguments.of("unknown customer", (Function<Instant, SagaScript>) SagaScript::unknownCustomer,
						SagaState.CANCELLED),
				Arguments.of("payment declined", (Function<Instant, SagaScript>) SagaScript::paymentDeclined,
						SagaState.CANCELLED),
				Arguments.of("customer cancel", (Function<Instant, SagaScript>) SagaScript::customerCancel,
						SagaState.CANCELLED),
				Arguments.of("late charge refunded", (Function<Instant, SagaScript>) SagaScript::lateChargeRefunded,
						SagaState.CANCELLED));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("normalSagas")
	void judgesEveryNormalSagaConsistent(String name, Function<Instant, SagaScript> story, SagaState state) {
		SagaScript script = story.apply(START);

		SagaReport report = evaluate(script, SETTLED);

		assertThat(report.findings()).isEmpty();
		assertThat(report.state()).isEqualTo(state);
		assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
		assertThat(report.nextCheckAt()).isNull();
		assertThat(report.latency()).isEqualTo(Duration.between(START,
				script.step(state == SagaState.COMPLETED ? "order.completed.v1" : "order.cancelled.v1").time()));
		assertThat(report.traceIds()).containsExactly(script.traceId);
	}

	@Test
	void waitsForTheGracePeriodBeforeCallingACompensationMissing() {
		SagaScript script = SagaScript.order(START).created().reserved().approved().cancelled("CUSTOMER_REQUEST");
		Instant cancelled = script.lastTime();

		SagaReport settling = evaluate(script, cancelled.plusSeconds(1));
		SagaReport settled = evaluate(script, cancelled.plus(GRACE));

		assertThat(settling.verdict()).isEqualTo(Verdict.IN_PROGRESS);
		assertThat(settling.findings()).isEmpty();
		assertThat(settling.nextCheckAt()).isEqualTo(cancelled.plus(GRACE));
		assertThat(settled.rules()).containsExactly(Rule.CREDIT_NOT_RELEASED);
	}

	@Test
	void reportsASagaThatMissedItsDeadlineAsStuck() {
		SagaScript script = SagaScript.order(START).created().reserved().approved(START.plus(Duration.ofMinutes(10)));

		SagaReport running = evaluate(script, START.plus(Duration.ofMinutes(10)));
		SagaReport late = evaluate(script, START.plus(Duration.ofMinutes(11)));

		assertThat(running.verdict()).isEqualTo(Verdict.IN_PROGRESS);
		assertThat(running.inFlight()).isTrue();
		assertThat(running.nextCheckAt()).isEqualTo(START.plus(Duration.ofMinutes(11)));
		assertThat(late.stuck()).isTrue();
		assertThat(late.inFlight()).isFalse();
		assertOnly(late, Rule.DEADLINE_MISSED, script.ids("order.created.v1").getFirst(),
				script.ids("order.approved.v1").getFirst());
	}

	@Test
	void takesTheConfiguredDeadlineFromPlacementWhileTheOrderIsPending() {
		SagaScript script = SagaScript.order(START).created();

		SagaReport report = evaluate(script, START.plus(Duration.ofMinutes(16)));

		assertThat(report.deadline()).isEqualTo(START.plus(Duration.ofMinutes(15)));
		assertOnly(report, Rule.DEADLINE_MISSED, script.ids("order.created.v1").getFirst());
	}

	@Test
	void reportsATerminalStateReachedAfterDeadlineAndGrace() {
		SagaScript script = SagaScript.order(START)
			.created()
			.reserved()
			.approved(START.plusSeconds(60))
			.at(START.plusSeconds(200))
			.cancelled("TIMEOUT")
			.released();

		assertOnly(evaluate(script, SETTLED), Rule.DEADLINE_MISSED, script.ids("order.created.v1").getFirst(),
				script.ids("order.approved.v1").getFirst(), script.ids("order.cancelled.v1").getFirst());
	}

	@Test
	void judgesABacklogByWhenItWasReadNotByItsAge() {
		SagaScript script = SagaScript.order(START).created().reserved().approved(START.plusSeconds(60));
		Instant readAfterRestart = START.plus(Duration.ofHours(1));
		List<SagaEvent> backlog = script.events()
			.stream()
			.map(e -> new SagaEvent(e.id(), e.orderId(), e.type(), e.source(), e.time(), e.position(), e.trace(),
					readAfterRestart, e.facts(), e.copies()))
			.toList();

		SagaReport justRead = audit.evaluate(script.orderId, backlog, List.of(), readAfterRestart.plusSeconds(1));

		assertThat(justRead.findings()).isEmpty();
		assertThat(justRead.nextCheckAt()).isEqualTo(readAfterRestart.plus(GRACE));
	}

	@Test
	void reportsACompletedOrderWithoutCreditReservation() {
		SagaScript script = SagaScript.order(START).created().approved().processed().completed();

		assertOnly(evaluate(script, SETTLED), Rule.COMPLETED_WITHOUT_CREDIT,
				script.ids("order.completed.v1").getFirst());
	}

	@Test
	void reportsACompletedOrderWithoutCharge() {
		SagaScript script = SagaScript.order(START).created().reserved().approved().completed();

		assertOnly(evaluate(script, SETTLED), Rule.COMPLETED_WITHOUT_CHARGE,
				script.ids("order.completed.v1").getFirst());
	}

	@Test
	void reportsACompletedOrderThatWasRefunded() {
		SagaScript script = SagaScript.completed(START).refunded();

		assertOnly(evaluate(script, SETTLED), Rule.COMPLETED_WITH_REFUND, script.ids("order.completed.v1").getFirst(),
				script.ids("payment.refunded.v1").getFirst());
	}

	@Test
	void reportsASecondDifferentCharge() {
		SagaScript script = SagaScript.completed(START).withId("second-charge").processed();

		assertOnly(evaluate(script, SETTLED), Rule.MULTIPLE_CHARGES,
				script.ids("payment.processed.v1").toArray(String[]::new));
	}

	@Test
	void reportsAChargeOfACancelledOrderThatWasNeverRefunded() {
		SagaScript script = SagaScript.order(START)
			.created()
			.reserved()
			.approved()
			.cancelled("TIMEOUT")
			.released()
			.processed();

		assertOnly(evaluate(script, SETTLED), Rule.CHARGE_NOT_REFUNDED, script.ids("order.cancelled.v1").getFirst(),
				script.ids("payment.processed.v1").getFirst());
	}

	@Test
	void reportsASecondRefund() {
		SagaScript script = SagaScript.lateChargeRefunded(START).withId("second-refund").refunded();

		assertOnly(evaluate(script, SETTLED), Rule.MULTIPLE_REFUNDS,
				script.ids("payment.refunded.v1").toArray(String[]::new));
	}

	@Test
	void reportsARefundWithoutCharge() {
		SagaScript script = SagaScript.customerCancel(START).refunded();

		assertOnly(evaluate(script, SETTLED), Rule.REFUND_WITHOUT_CHARGE, script.ids("payment.refunded.v1").getFirst());
	}

	@Test
	void reportsAChargeTakenAfterPayBy() {
		Instant payBy = START.plusSeconds(10);
		SagaScript script = SagaScript.order(START)
			.created()
			.reserved()
			.approved(payBy)
			.at(payBy.plusMillis(500))
			.cancelled("TIMEOUT")
			.released()
			.at(payBy.plus(Duration.ofMinutes(2)))
			.processed()
			.refunded();

		assertOnly(evaluate(script, SETTLED), Rule.CHARGED_AFTER_DEADLINE, script.ids("order.approved.v1").getFirst(),
				script.ids("payment.processed.v1").getFirst());
	}

	@Test
	void reportsACancelledReservationThatWasNeverReleased() {
		SagaScript script = SagaScript.order(START)
			.created()
			.reserved()
			.approved()
			.step("payment-events", "payment.failed.v1", "/payment-fn", java.util.Map.of("reason", "DECLINED"))
			.cancelled("PAYMENT_DECLINED");

		assertOnly(evaluate(script, SETTLED), Rule.CREDIT_NOT_RELEASED, script.ids("credit.reserved.v1").getFirst(),
				script.ids("order.cancelled.v1").getFirst());
	}

	@Test
	void reportsTheSameKindOfEmailSentTwice() {
		SagaScript script = SagaScript.completed(START).withId("second-mail").email("PAYMENT_COMPLETED");

		assertOnly(evaluate(script, SETTLED), Rule.DUPLICATE_EMAIL,
				script.ids("email.sent.v1")
					.stream()
					.filter(id -> !id.equals(script.ids("email.sent.v1").get(1)))
					.toArray(String[]::new));
	}

	@Test
	void reportsACompletionEmailForACancelledOrder() {
		SagaScript script = SagaScript.creditRefused(START).email("ORDER_COMPLETED");
		String completionMail = script.ids("email.sent.v1").getLast();

		assertOnly(evaluate(script, SETTLED), Rule.COMPLETION_EMAIL_FOR_UNCOMPLETED_ORDER, completionMail,
				script.ids("order.cancelled.v1").getFirst());
	}

	@Test
	void reportsATransitionOutOfATerminalState() {
		SagaScript script = SagaScript.completed(START).cancelled("CUSTOMER_REQUEST");

		SagaReport report = evaluate(script, SETTLED);

		assertThat(report.state()).isEqualTo(SagaState.COMPLETED);
		assertOnly(report, Rule.TERMINAL_STATE_CHANGED, script.ids("order.completed.v1").getFirst(),
				script.ids("order.cancelled.v1").getFirst());
	}

	@Test
	void reportsAnEffectThatHappenedBeforeItsCause() {
		SagaScript script = SagaScript.order(START.plusSeconds(60))
			.created()
			.at(START)
			.reserved()
			.at(START.plusSeconds(61))
			.approved()
			.processed()
			.email("PAYMENT_COMPLETED")
			.completed()
			.email("ORDER_COMPLETED");

		SagaReport report = evaluate(script, SETTLED);

		assertOnly(report, Rule.CAUSAL_ORDER, script.ids("credit.reserved.v1").getFirst(),
				script.ids("order.created.v1").getFirst());
		assertThat(report.findings().getFirst().message())
			.isEqualTo("credit.reserved.v1 happened before its cause order.created.v1");
	}

	@Test
	void toleratesClockSkewBelowTheConfiguredLimit() {
		SagaScript script = SagaScript.order(START.plusSeconds(1))
			.created()
			.at(START)
			.reserved()
			.at(START.plusSeconds(2))
			.approved()
			.processed()
			.completed();

		assertThat(evaluate(script, SETTLED).findings()).isEmpty();
	}

	@Test
	void reportsEventsOfAnOrderThatWasNeverCreated() {
		SagaScript script = SagaScript.order(START).processed();

		SagaReport report = evaluate(script, SETTLED);

		assertThat(report.state()).isEqualTo(SagaState.UNKNOWN);
		assertOnly(report, Rule.ORDER_UNKNOWN, script.ids("payment.processed.v1").getFirst());
	}

	@Test
	void reportsRecordsOfTheOrderInDeadLetterTopics() {
		SagaScript script = SagaScript.completed(START);
		DeadLetter letter = new DeadLetter(new Position("payment-events.dlq", 0, 7), script.orderId,
				new Position("payment-events", 1, 42), "poison-1", "payment.processed.v1", "Unreadable body",
				"dev.ordersaga.support.events.PoisonMessageException", START.plusSeconds(5), START.plusSeconds(5));

		SagaReport report = audit.evaluate(script.orderId, script.events(), List.of(letter), SETTLED);

		assertOnly(report, Rule.DEAD_LETTER, "poison-1");
		assertThat(report.findings().getFirst().evidence().getFirst().note())
			.isEqualTo("from payment-events/1/42: Unreadable body");
		assertThat(report.deadLetters()).isEqualTo(1);
	}

	@Test
	void judgesARecordTheServicesDeadLetteredAsPoisonNotAsAnEventOfAnUnknownOrder() {
		// a record under a key that is no order, read from its topic and dead-lettered by
		// the consumers that failed on it
		SagaScript poison = SagaScript.order(START).cancelled("CUSTOMER_REQUEST");
		SagaEvent record = poison.events().getFirst();
		DeadLetter letter = new DeadLetter(new Position("order-events.dlq", 0, 3), poison.orderId, record.position(),
				record.id(), record.type(), "Unreadable order.cancelled.v1 event",
				"dev.ordersaga.support.events.PoisonMessageException", START.plusSeconds(1), START.plusSeconds(1));

		SagaReport beforeItWasDeadLettered = audit.evaluate(poison.orderId, poison.events(), List.of(), SETTLED);
		SagaReport report = audit.evaluate(poison.orderId, poison.events(), List.of(letter), SETTLED);

		assertThat(beforeItWasDeadLettered.rules()).contains(Rule.ORDER_UNKNOWN);
		assertThat(report.findings()).isEmpty();
		assertThat(report.verdict()).isNotEqualTo(Verdict.VIOLATED);
		assertThat(report.deadLetters()).isEqualTo(1);
	}

	@Test
	void stillReportsAnOrderOneOfWhoseEventsWasDeadLettered() {
		SagaScript script = SagaScript.completed(START);
		SagaEvent charge = script.events().get(3);
		DeadLetter letter = new DeadLetter(new Position("payment-events.dlq", 0, 9), script.orderId, charge.position(),
				charge.id(), charge.type(), "Unreadable body", "dev.ordersaga.support.events.PoisonMessageException",
				START.plusSeconds(5), START.plusSeconds(5));

		SagaReport report = audit.evaluate(script.orderId, script.events(), List.of(letter), SETTLED);

		assertThat(report.rules()).contains(Rule.DEAD_LETTER);
		assertThat(report.verdict()).isEqualTo(Verdict.VIOLATED);
	}

	@Test
	void countsADuplicateDeliveryWithoutCallingItAViolation() {
		SagaScript script = SagaScript.completed(START);
		List<SagaEvent> events = new ArrayList<>(script.events());
		SagaEvent charge = events.get(3);
		events.set(3, new SagaEvent(charge.id(), charge.orderId(), charge.type(), charge.source(), charge.time(),
				charge.position(), charge.trace(), charge.observedAt(), charge.facts(), 2));

		SagaReport report = audit.evaluate(script.orderId, events, List.of(), SETTLED);

		assertThat(report.duplicates()).isEqualTo(1);
		assertThat(report.findings()).isEmpty();
		assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
	}

	@Test
	void evaluatesTheSameWhateverOrderTheEventsArrivedIn() {
		SagaScript script = SagaScript.lateChargeRefunded(START);
		List<SagaEvent> shuffled = new ArrayList<>(script.events());
		java.util.Collections.reverse(shuffled);

		assertThat(audit.evaluate(script.orderId, shuffled, List.of(), SETTLED)).isEqualTo(evaluate(script, SETTLED));
	}

	@Test
	void doesNotCallAnOrderUnknownWhileItsTopicIsReadBehindTheSagasEvents() {
		SagaScript script = SagaScript.order(START).created().reserved();
		List<SagaEvent> customerEventsFirst = script.events()
			.stream()
			.filter(event -> !event.type().equals("order.created.v1"))
			.toList();
		Instant reserved = script.step("credit.reserved.v1").time();
		ReadHorizon behind = topic -> topic.equals("order-events") ? START.minusSeconds(30) : Instant.MAX;

		SagaReport whileBehind = audit.evaluate(script.orderId, customerEventsFirst, List.of(), SETTLED, behind);
		SagaReport caughtUp = audit.evaluate(script.orderId, script.events(), List.of(), SETTLED, topic -> SETTLED);

		assertThat(whileBehind.findings()).isEmpty();
		assertThat(whileBehind.verdict()).isEqualTo(Verdict.IN_PROGRESS);
		assertThat(whileBehind.nextCheckAt()).as("judged again once order-events is read past the reservation")
			.isEqualTo(reserved.plus(POLICY.clockSkew()));
		assertThat(caughtUp.findings()).isEmpty();
		assertThat(caughtUp.state()).isEqualTo(SagaState.PENDING);
	}

	@Test
	void reportsAnOrderUnknownOnceItsTopicIsReadPastTheSagasEvents() {
		SagaScript script = SagaScript.order(START).reserved();
		Instant reserved = script.step("credit.reserved.v1").time();

		SagaReport justBehind = audit.evaluate(script.orderId, script.events(), List.of(), SETTLED,
				topic -> reserved.plus(POLICY.clockSkew()).minusMillis(1));
		SagaReport readPast = audit.evaluate(script.orderId, script.events(), List.of(), SETTLED,
				topic -> reserved.plus(POLICY.clockSkew()));

		assertThat(justBehind.findings()).isEmpty();
		assertOnly(readPast, Rule.ORDER_UNKNOWN, script.ids("credit.reserved.v1").getFirst());
	}

	@Test
	void waitsForTheRefundTopicToBeReadBeforeCallingARefundMissing() {
		SagaScript script = SagaScript.order(START)
			.created()
			.reserved()
			.approved()
			.processed()
			.cancelled("TIMEOUT")
			.released();
		Instant cancelled = script.step("order.cancelled.v1").time();
		ReadHorizon paymentsBehind = topic -> topic.equals("payment-events") ? cancelled : Instant.MAX;

		assertThat(audit.evaluate(script.orderId, script.events(), List.of(), SETTLED, paymentsBehind).findings())
			.isEmpty();
		assertOnly(audit.evaluate(script.orderId, script.events(), List.of(), SETTLED, ReadHorizon.COMPLETE),
				Rule.CHARGE_NOT_REFUNDED, script.ids("order.cancelled.v1").getFirst(),
				script.ids("payment.processed.v1").getFirst());
	}

	@Test
	void anApprovalPublishedAfterTheCancelButStampedBeforeItIsNoMoveOutOfTheTerminalState() {
		SagaScript script = SagaScript.order(START)
			.created()
			.reserved()
			.at(START.plusMillis(500))
			.cancelled("CUSTOMER_REQUEST")
			.at(START.plusMillis(400))
			.approved()
			.at(START.plusMillis(600))
			.released()
			.email("ORDER_CANCELLED");

		SagaReport report = evaluate(script, SETTLED);

		assertThat(script.events()).filteredOn(event -> event.position().topic().equals("order-events"))
			.extracting(SagaEvent::type)
			.as("published in this order")
			.containsExactly("order.created.v1", "order.cancelled.v1", "order.approved.v1");
		assertThat(report.findings()).isEmpty();
		assertThat(report.state()).isEqualTo(SagaState.CANCELLED);
		assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
	}

	@Test
	void reportsAnApprovalStampedAfterTheCancelAsAMoveOutOfTheTerminalState() {
		SagaScript script = SagaScript.order(START)
			.created()
			.reserved()
			.cancelled("CUSTOMER_REQUEST")
			.approved()
			.released()
			.email("ORDER_CANCELLED");

		SagaReport report = evaluate(script, SETTLED);

		assertOnly(report, Rule.TERMINAL_STATE_CHANGED, script.ids("order.cancelled.v1").getFirst(),
				script.ids("order.approved.v1").getFirst());
		assertThat(report.state()).isEqualTo(SagaState.CANCELLED);
	}

	@Test
	void reportsTwoTerminalStatesWhateverTheirStamps() {
		SagaScript script = SagaScript.order(START)
			.created()
			.reserved()
			.approved()
			.processed()
			.at(START.plusSeconds(2))
			.completed()
			.at(START.plusSeconds(1))
			.cancelled("CUSTOMER_REQUEST");

		assertThat(evaluate(script, SETTLED).rules()).contains(Rule.TERMINAL_STATE_CHANGED);
	}

	@Test
	void takesTheDeadlineFromTheOrdersOwnPayByNotTheConfiguredOne() {
		Instant payBy = START.plus(Duration.ofHours(2));
		SagaScript script = SagaScript.order(START).created().reserved().approved(payBy);

		SagaReport report = evaluate(script, START.plus(Duration.ofHours(1)));

		assertThat(POLICY.deadline()).isLessThan(Duration.ofHours(1));
		assertThat(report.deadline()).isEqualTo(payBy);
		assertThat(report.findings()).isEmpty();
		assertThat(report.stuck()).isFalse();
		assertThat(report.nextCheckAt()).isEqualTo(payBy.plus(GRACE));
	}

	private static void assertOnly(SagaReport report, Rule rule, String... evidenceIds) {
		assertThat(report.rules()).as("rules broken by %s", report.orderId()).containsExactly(rule);
		assertThat(report.verdict()).isEqualTo(Verdict.VIOLATED);
		assertThat(report.findings().getFirst().evidence()).extracting(Evidence::eventId)
			.containsExactlyInAnyOrder(evidenceIds);
	}

}
