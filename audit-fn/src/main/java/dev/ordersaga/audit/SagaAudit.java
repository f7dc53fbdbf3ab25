package dev.ordersaga.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.ordersaga.audit.SagaEventTypes.CREDIT_LIMIT_EXCEEDED;
import static dev.ordersaga.audit.SagaEventTypes.CREDIT_RELEASED;
import static dev.ordersaga.audit.SagaEventTypes.CREDIT_RESERVED;
import static dev.ordersaga.audit.SagaEventTypes.CUSTOMER_NOT_FOUND;
import static dev.ordersaga.audit.SagaEventTypes.EMAIL_FAILED;
import static dev.ordersaga.audit.SagaEventTypes.EMAIL_SENT;
import static dev.ordersaga.audit.SagaEventTypes.ORDER_APPROVED;
import static dev.ordersaga.audit.SagaEventTypes.ORDER_CANCELLED;
import static dev.ordersaga.audit.SagaEventTypes.ORDER_COMPLETED;
import static dev.ordersaga.audit.SagaEventTypes.ORDER_CREATED;
import static dev.ordersaga.audit.SagaEventTypes.PAYMENT_FAILED;
import static dev.ordersaga.audit.SagaEventTypes.PAYMENT_PROCESSED;
import static dev.ordersaga.audit.SagaEventTypes.PAYMENT_REFUNDED;

/**
 * Evaluates the business rules of EVENTS.md over the events and dead letters of one
 * order. A pure function of its inputs and the current time, so the verdict of a saga can
 * be recomputed from the stored events whenever one arrives or a deadline passes.
 * <p>
 * Rules about something that must <em>not</em> happen (a second charge, a change after a
 * terminal state, an effect before its cause) fire as soon as the evidence is there.
 * Rules about something that must <em>follow</em> (a refund after a cancelled charge, a
 * release after a cancelled reservation, the terminal state by the deadline) wait for the
 * grace period, because the topics are consumed independently and a consequence may
 * simply not have been read yet.
 */
public final class SagaAudit {

	/** E-mail kinds (the {@code kind} fact of e-mail events). */
	static final String PAYMENT_COMPLETED_EMAIL = "PAYMENT_COMPLETED";

	static final String ORDER_COMPLETED_EMAIL = "ORDER_COMPLETED";

	static final String ORDER_CANCELLED_EMAIL = "ORDER_CANCELLED";

	static final String PAYMENT_REFUNDED_EMAIL = "PAYMENT_REFUNDED";

	/**
	 * Which event a service publishes only in reaction to which other; an e-mail effect
	 * is matched by its kind.
	 */
	private record Causality(String cause, String effect, String emailKind) {

		boolean isEffect(SagaEvent event) {
			if (emailKind != null) {
				return (EMAIL_SENT.equals(event.type()) || EMAIL_FAILED.equals(event.type()))
						&& emailKind.equals(event.facts().get(SagaEvent.KIND));
			}
			return effect.equals(event.type());
		}
	}

	private static final List<Causality> CAUSALITY = List.of(new Causality(ORDER_CREATED, CREDIT_RESERVED, null),
			new Causality(ORDER_CREATED, CREDIT_LIMIT_EXCEEDED, null),
			new Causality(ORDER_CREATED, CUSTOMER_NOT_FOUND, null), new Causality(ORDER_CREATED, ORDER_APPROVED, null),
			new Causality(ORDER_CREATED, ORDER_COMPLETED, null), new Causality(ORDER_CREATED, ORDER_CANCELLED, null),
			new Causality(CREDIT_RESERVED, ORDER_APPROVED, null),
			new Causality(ORDER_APPROVED, PAYMENT_PROCESSED, null), new Causality(ORDER_APPROVED, PAYMENT_FAILED, null),
			new Causality(PAYMENT_PROCESSED, ORDER_COMPLETED, null),
			new Causality(CREDIT_RESERVED, CREDIT_RELEASED, null),
			new Causality(ORDER_CANCELLED, CREDIT_RELEASED, null),
			new Causality(PAYMENT_PROCESSED, PAYMENT_REFUNDED, null),
			new Causality(ORDER_CANCELLED, PAYMENT_REFUNDED, null),
			new Causality(PAYMENT_PROCESSED, "email", PAYMENT_COMPLETED_EMAIL),
			new Causality(ORDER_COMPLETED, "email", ORDER_COMPLETED_EMAIL),
			new Causality(ORDER_CANCELLED, "email", ORDER_CANCELLED_EMAIL),
			new Causality(PAYMENT_REFUNDED, "email", PAYMENT_REFUNDED_EMAIL));

	private static final Comparator<SagaEvent> HAPPENED = Comparator.comparing(SagaEvent::time)
		.thenComparing(SagaEvent::position, Position.LOG_ORDER);

	private final AuditPolicy policy;

	public SagaAudit(AuditPolicy policy) {
		this.policy = policy;
	}

	public AuditPolicy policy() {
		return policy;
	}

	/** Judges stored events on their own, as if every topic had been read to its end. */
	public SagaReport evaluate(String orderId, List<SagaEvent> events, List<DeadLetter> deadLetters, Instant now) {
		return evaluate(orderId, events, deadLetters, now, ReadHorizon.COMPLETE);
	}

	/**
	 * Judges the saga as far as the topics have been read: an event that is missing from
	 * a topic not yet read past the moment it would have been stamped is not called
	 * missing yet.
	 */
	public SagaReport evaluate(String orderId, List<SagaEvent> events, List<DeadLetter> deadLetters, Instant now,
			ReadHorizon horizon) {
		return new Evaluation(orderId, events, deadLetters, now, horizon).report();
	}

	private final class Evaluation {

		private final String orderId;

		private final List<SagaEvent> events;

		private final List<DeadLetter> deadLetters;

		private final Instant now;

		private final ReadHorizon horizon;

		private final Map<Rule, Finding> findings = new EnumMap<>(Rule.class);

		private Instant nextCheck;

		Evaluation(String orderId, List<SagaEvent> events, List<DeadLetter> deadLetters, Instant now,
				ReadHorizon horizon) {
			this.orderId = orderId;
			// a record the services dead-lettered (every copy of it) is poison, not a
			// step of
			// the saga: it is judged as a dead letter only
			Set<String> deadLettered = deadLetters.stream()
				.map(DeadLetter::original)
				.filter(Objects::nonNull)
				.map(Position::key)
				.collect(Collectors.toSet());
			this.events = events.stream()
				.filter(event -> !deadLettered.containsAll(event.positions()))
				.sorted(HAPPENED)
				.toList();
			this.deadLetters = deadLetters.stream()
				.sorted(Comparator.comparing(DeadLetter::time).thenComparing(DeadLetter::position, Position.LOG_ORDER))
				.toList();
			this.now = now;
			this.horizon = horizon;
		}

		SagaReport report() {
			// the lifecycle as order-fn published it: one partition, so the log order is
			// the truth, except that order-fn publishes some steps through its function
			// binding and others through its outbox: a step published after the terminal
			// one but stamped before it happened before it, and moves nothing
			List<SagaEvent> lifecycle = events.stream()
				.filter(event -> SagaEventTypes.LIFECYCLE.contains(event.type()))
				.sorted(Comparator.comparing(SagaEvent::position, Position.LOG_ORDER))
				.toList();
			SagaState state = SagaState.UNKNOWN;
			SagaEvent terminal = null;
			List<SagaEvent> afterTerminal = new ArrayList<>();
			for (SagaEvent event : lifecycle) {
				if (terminal != null) {
					if (isTerminal(event) || event.time().isAfter(terminal.time())) {
						afterTerminal.add(event);
					}
					continue;
				}
				switch (event.type()) {
					case ORDER_CREATED -> state = state == SagaState.UNKNOWN ? SagaState.PENDING : state;
					case ORDER_APPROVED -> state = SagaState.APPROVED;
					case ORDER_COMPLETED -> {
						state = SagaState.COMPLETED;
						terminal = event;
					}
					default -> {
						state = SagaState.CANCELLED;
						terminal = event;
					}
				}
			}

			Optional<SagaEvent> created = first(ORDER_CREATED);
			Optional<SagaEvent> approved = first(ORDER_APPROVED);
			Instant createdAt = created.map(event -> event.instantFact(SagaEvent.CREATED_AT).orElse(event.time()))
				.orElse(null);
			Optional<Instant> payBy = approved.flatMap(event -> event.instantFact(SagaEvent.PAY_BY));
			Instant deadline = payBy
				.orElse(createdAt == null ? null : createdAt.plus(SagaAudit.this.policy.deadline()));

			boolean stuck = checkDeadline(state, terminal, created, approved, deadline);
			checkCharges(state, terminal, payBy, approved);
			checkCredit(state, terminal);
			checkEmails(state, terminal);
			if (!afterTerminal.isEmpty()) {
				find(Rule.TERMINAL_STATE_CHANGED,
						"%s after the order was %s: %s".formatted(
								afterTerminal.size() == 1 ? "1 more event" : afterTerminal.size() + " more events",
								state, afterTerminal.stream().map(SagaEvent::type).collect(Collectors.joining(", "))),
						Stream.concat(Stream.of(terminal), afterTerminal.stream()));
			}
			checkCausalOrder();
			if (created.isEmpty() && !events.isEmpty() && due(events.getFirst().seenAt().plus(grace()))
					& read(SagaEventTypes.ORDER_EVENTS, events.getFirst().time())) {
				find(Rule.ORDER_UNKNOWN,
						"%d event(s) for an order whose order.created.v1 never arrived".formatted(events.size()),
						events.stream());
			}
			// a dead letter a person replayed or discarded is dealt with: it stays on the
			// timeline, but only the open ones still break the rule. A dead letter under
			// a
			// key that carries no saga event at all is poison that belongs to no order:
			// counted among the dead letters, no saga to judge
			List<DeadLetter> open = deadLetters.stream().filter(DeadLetter::open).toList();
			if (!open.isEmpty() && !events.isEmpty()) {
				findings.put(Rule.DEAD_LETTER,
						new Finding(Rule.DEAD_LETTER,
								"%d record(s) of the order in dead-letter topics".formatted(open.size()),
								open.stream().map(DeadLetter::evidence).toList()));
			}

			Verdict verdict = !findings.isEmpty() ? Verdict.VIOLATED
					: state.isTerminal() && nextCheck == null ? Verdict.CONSISTENT : Verdict.IN_PROGRESS;
			Duration latency = createdAt == null || terminal == null ? null
					: max(Duration.ZERO, Duration.between(createdAt, terminal.time()));
			Instant firstEventAt = Stream
				.concat(events.stream().map(SagaEvent::time), deadLetters.stream().map(DeadLetter::time))
				.min(Comparator.naturalOrder())
				.orElse(null);
			Instant lastEventAt = Stream
				.concat(events.stream().map(SagaEvent::time), deadLetters.stream().map(DeadLetter::time))
				.max(Comparator.naturalOrder())
				.orElse(null);
			List<String> traceIds = List.copyOf(events.stream()
				.filter(event -> event.trace() != null)
				.map(event -> event.trace().traceId())
				.collect(Collectors.toCollection(LinkedHashSet::new)));
			return new SagaReport(orderId, state, verdict, stuck, createdAt, deadline,
					terminal == null ? null : terminal.time(), latency, firstEventAt, lastEventAt, events.size(),
					events.stream().mapToInt(SagaEvent::duplicates).sum(), deadLetters.size(),
					List.copyOf(findings.values()), traceIds, nextCheck);
		}

		/**
		 * @return whether the saga is stuck: not terminal past its deadline plus grace
		 */
		private boolean checkDeadline(SagaState state, SagaEvent terminal, Optional<SagaEvent> created,
				Optional<SagaEvent> approved, Instant deadline) {
			if (deadline == null) {
				return false;
			}
			Instant limit = deadline.plus(grace());
			if (terminal == null) {
				// judge a backlog by when it was read: its terminal event may be right
				// behind it
				Instant firstSeen = events.stream()
					.map(SagaEvent::observedAt)
					.min(Comparator.naturalOrder())
					.orElseThrow();
				Instant due = latest(limit, firstSeen.plus(grace()));
				if (due(due) & read(SagaEventTypes.ORDER_EVENTS, limit)) {
					find(Rule.DEADLINE_MISSED,
							"still %s after its deadline %s plus %s grace".formatted(state, deadline, grace()),
							Stream.concat(created.stream(), approved.stream()));
					return true;
				}
				return false;
			}
			if (terminal.time().isAfter(limit)) {
				find(Rule.DEADLINE_MISSED,
						"became %s at %s, %s after its deadline %s".formatted(state, terminal.time(),
								Duration.between(deadline, terminal.time()), deadline),
						Stream.of(created.stream(), approved.stream(), Stream.of(terminal)).flatMap(s -> s));
			}
			return false;
		}

		private void checkCharges(SagaState state, SagaEvent terminal, Optional<Instant> payBy,
				Optional<SagaEvent> approved) {
			List<SagaEvent> charges = ofType(PAYMENT_PROCESSED);
			List<SagaEvent> refunds = ofType(PAYMENT_REFUNDED);
			if (charges.size() > 1) {
				find(Rule.MULTIPLE_CHARGES, "charged %d times".formatted(charges.size()), charges.stream());
			}
			if (refunds.size() > 1) {
				find(Rule.MULTIPLE_REFUNDS, "refunded %d times".formatted(refunds.size()), refunds.stream());
			}
			if (state == SagaState.COMPLETED) {
				if (!refunds.isEmpty()) {
					find(Rule.COMPLETED_WITH_REFUND, "completed, yet refunded",
							Stream.concat(Stream.of(terminal), refunds.stream()));
				}
				if (charges.isEmpty()
						&& due(settled(terminal)) & read(SagaEventTypes.PAYMENT_EVENTS, terminal.time())) {
					find(Rule.COMPLETED_WITHOUT_CHARGE, "completed without a payment.processed.v1",
							Stream.of(terminal));
				}
			}
			if (state == SagaState.CANCELLED && !charges.isEmpty() && refunds.isEmpty()
					&& due(latest(settled(terminal), settled(charges.getFirst()))) & read(SagaEventTypes.PAYMENT_EVENTS,
							latest(terminal.time(), charges.getFirst().time()).plus(grace()))) {
				find(Rule.CHARGE_NOT_REFUNDED,
						"cancelled (%s) after it was charged, but never refunded"
							.formatted(terminal.fact(SagaEvent.REASON).orElse("no reason given")),
						Stream.concat(Stream.of(terminal), charges.stream()));
			}
			if (!refunds.isEmpty() && charges.isEmpty() && due(settled(refunds.getFirst()))
					& read(SagaEventTypes.PAYMENT_EVENTS, refunds.getFirst().time())) {
				find(Rule.REFUND_WITHOUT_CHARGE, "refunded, but never charged", refunds.stream());
			}
			if (payBy.isPresent()) {
				Instant limit = payBy.get().plus(grace());
				List<SagaEvent> late = charges.stream().filter(charge -> charge.time().isAfter(limit)).toList();
				if (!late.isEmpty()) {
					find(Rule.CHARGED_AFTER_DEADLINE,
							"charged at %s, after payBy %s".formatted(late.getFirst().time(), payBy.get()),
							Stream.concat(approved.stream(), late.stream()));
				}
			}
		}

		private void checkCredit(SagaState state, SagaEvent terminal) {
			List<SagaEvent> reserved = ofType(CREDIT_RESERVED);
			if (state == SagaState.COMPLETED && reserved.isEmpty()
					&& due(settled(terminal)) & read(SagaEventTypes.CUSTOMER_EVENTS, terminal.time())) {
				find(Rule.COMPLETED_WITHOUT_CREDIT, "completed without a credit.reserved.v1", Stream.of(terminal));
			}
			if (state == SagaState.CANCELLED && !reserved.isEmpty() && ofType(CREDIT_RELEASED).isEmpty()
					&& due(latest(settled(terminal), settled(reserved.getFirst())))
							& read(SagaEventTypes.CUSTOMER_EVENTS,
									latest(terminal.time(), reserved.getFirst().time()).plus(grace()))) {
				find(Rule.CREDIT_NOT_RELEASED,
						"cancelled (%s) with credit reserved, but the credit was never released"
							.formatted(terminal.fact(SagaEvent.REASON).orElse("no reason given")),
						Stream.concat(Stream.of(terminal), reserved.stream()));
			}
		}

		private void checkEmails(SagaState state, SagaEvent terminal) {
			Map<String, List<SagaEvent>> sentByKind = new LinkedHashMap<>();
			for (SagaEvent sent : ofType(EMAIL_SENT)) {
				sentByKind.computeIfAbsent(sent.fact(SagaEvent.KIND).orElse("(no kind)"), kind -> new ArrayList<>())
					.add(sent);
			}
			List<String> repeated = sentByKind.entrySet()
				.stream()
				.filter(kind -> kind.getValue().size() > 1)
				.map(kind -> kind.getValue().size() + " x " + kind.getKey())
				.toList();
			if (!repeated.isEmpty()) {
				find(Rule.DUPLICATE_EMAIL, "e-mails sent more than once: " + String.join(", ", repeated),
						sentByKind.values().stream().filter(sent -> sent.size() > 1).flatMap(List::stream));
			}
			List<SagaEvent> completionMails = sentByKind.getOrDefault(ORDER_COMPLETED_EMAIL, List.of());
			if (!completionMails.isEmpty() && state != SagaState.COMPLETED
					&& (state.isTerminal() || due(settled(completionMails.getFirst()))
							& read(SagaEventTypes.ORDER_EVENTS, completionMails.getFirst().time()))) {
				find(Rule.COMPLETION_EMAIL_FOR_UNCOMPLETED_ORDER,
						"ORDER_COMPLETED e-mail sent for an order that is %s".formatted(state),
						Stream.concat(completionMails.stream(), Stream.ofNullable(terminal)));
			}
		}

		private void checkCausalOrder() {
			List<String> inversions = new ArrayList<>();
			List<SagaEvent> evidence = new ArrayList<>();
			for (Causality causality : CAUSALITY) {
				Optional<SagaEvent> cause = first(causality.cause());
				if (cause.isEmpty()) {
					continue;
				}
				for (SagaEvent effect : events) {
					if (!causality.isEffect(effect)) {
						continue;
					}
					boolean earlier = effect.time()
						.plus(SagaAudit.this.policy.clockSkew())
						.isBefore(cause.get().time());
					boolean before = effect.position().samePartitionAs(cause.get().position())
							&& effect.position().offset() < cause.get().position().offset();
					if (earlier || before) {
						inversions.add("%s%s %s its cause %s".formatted(effect.type(),
								causality.emailKind() == null ? "" : " (" + causality.emailKind() + ")",
								earlier ? "happened before" : "was published before", cause.get().type()));
						addOnce(evidence, cause.get());
						addOnce(evidence, effect);
					}
				}
			}
			if (!inversions.isEmpty()) {
				find(Rule.CAUSAL_ORDER, String.join("; ", inversions), evidence.stream());
			}
		}

		private void find(Rule rule, String message, Stream<SagaEvent> evidence) {
			findings.put(rule,
					new Finding(rule, message, evidence.sorted(HAPPENED).distinct().map(SagaEvent::evidence).toList()));
		}

		/**
		 * Whether {@code due} has come; if not, remembers it as a moment to evaluate
		 * again.
		 */
		private boolean due(Instant due) {
			if (!now.isBefore(due)) {
				return true;
			}
			nextCheck = nextCheck == null || due.isBefore(nextCheck) ? due : nextCheck;
			return false;
		}

		/**
		 * Whether the topic has been read past {@code time} (plus the clock skew between
		 * producers), so that an event stamped before it that is not there is missing; if
		 * not, remembers the moment as one to evaluate again (the sweep waits for the
		 * reads to pass it).
		 */
		private boolean read(String topic, Instant time) {
			Instant needed = time.plus(SagaAudit.this.policy.clockSkew());
			if (!horizon.readThrough(topic).isBefore(needed)) {
				return true;
			}
			nextCheck = nextCheck == null || needed.isBefore(nextCheck) ? needed : nextCheck;
			return false;
		}

		private static boolean isTerminal(SagaEvent event) {
			return ORDER_COMPLETED.equals(event.type()) || ORDER_CANCELLED.equals(event.type());
		}

		private Instant settled(SagaEvent event) {
			return event.seenAt().plus(grace());
		}

		private Duration grace() {
			return SagaAudit.this.policy.grace();
		}

		private List<SagaEvent> ofType(String type) {
			return events.stream().filter(event -> type.equals(event.type())).toList();
		}

		private Optional<SagaEvent> first(String type) {
			return events.stream().filter(event -> type.equals(event.type())).findFirst();
		}

		private static void addOnce(List<SagaEvent> events, SagaEvent event) {
			if (!events.contains(event)) {
				events.add(event);
			}
		}

		private static Instant latest(Instant a, Instant b) {
			return a.isAfter(b) ? a : b;
		}

		private static Duration max(Duration a, Duration b) {
			return a.compareTo(b) >= 0 ? a : b;
		}

	}

}
