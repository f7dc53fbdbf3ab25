package dev.ordersaga.audit.persistence;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import dev.ordersaga.audit.DeadLetter;
import dev.ordersaga.audit.DeadLetterAction;
import dev.ordersaga.audit.Evidence;
import dev.ordersaga.audit.Finding;
import dev.ordersaga.audit.Position;
import dev.ordersaga.audit.Rule;
import dev.ordersaga.audit.SagaEvent;
import dev.ordersaga.audit.SagaReport;
import dev.ordersaga.audit.SagaState;
import dev.ordersaga.audit.TraceContext;
import dev.ordersaga.audit.Verdict;

import static dev.ordersaga.audit.persistence.Bson.date;
import static dev.ordersaga.audit.persistence.Bson.documents;
import static dev.ordersaga.audit.persistence.Bson.instant;
import static dev.ordersaga.audit.persistence.Bson.integer;
import static dev.ordersaga.audit.persistence.Bson.longValue;
import static dev.ordersaga.audit.persistence.Bson.strings;

/**
 * The saga document: the report's fields plus what queries filter on ({@code rules},
 * {@code inFlight}), the {@code version} of the conditional writes, and the order's
 * records ({@code eventLog}, {@code deadLetterLog}), which only the audit itself and the
 * timeline read.
 */
final class SagaDocuments {

	static final String SAGAS = "sagas";

	static final String EVENT_LOG = "eventLog";

	static final String DEAD_LETTER_LOG = "deadLetterLog";

	private SagaDocuments() {
	}

	/** Every field but {@code _id} and {@code version}. */
	static Document fields(SagaReport report) {
		return new Document("state", report.state().name()).append("verdict", report.verdict().name())
			.append("stuck", report.stuck())
			.append("inFlight", report.inFlight())
			.append("createdAt", date(report.createdAt()))
			.append("deadline", date(report.deadline()))
			.append("terminalAt", date(report.terminalAt()))
			.append("latencyMs", report.latency() == null ? null : report.latency().toMillis())
			.append("firstEventAt", date(report.firstEventAt()))
			.append("lastEventAt", date(report.lastEventAt()))
			.append("events", report.events())
			.append("duplicates", report.duplicates())
			.append("deadLetters", report.deadLetters())
			.append("rules", report.rules().stream().map(Rule::id).toList())
			.append("findings", report.findings().stream().map(SagaDocuments::finding).toList())
			.append("traceIds", report.traceIds())
			.append("nextCheckAt", date(report.nextCheckAt()));
	}

	static SagaReport report(Document document) {
		Number latency = document.get("latencyMs", Number.class);
		return new SagaReport(document.getString("_id"), SagaState.valueOf(document.getString("state")),
				Verdict.valueOf(document.getString("verdict")), Boolean.TRUE.equals(document.getBoolean("stuck")),
				instant(document, "createdAt"), instant(document, "deadline"), instant(document, "terminalAt"),
				latency == null ? null : Duration.ofMillis(latency.longValue()), instant(document, "firstEventAt"),
				instant(document, "lastEventAt"), integer(document, "events"), integer(document, "duplicates"),
				integer(document, "deadLetters"),
				documents(document, "findings").stream().map(SagaDocuments::finding).toList(),
				strings(document, "traceIds"), instant(document, "nextCheckAt"));
	}

	static Document event(SagaEvent event) {
		return new Document("id", event.id()).append("type", event.type())
			.append("source", event.source())
			.append("time", date(event.time()))
			.append("topic", event.position().topic())
			.append("partition", event.position().partition())
			.append("offset", event.position().offset())
			.append("observedAt", date(event.observedAt()))
			.append("traceId", event.trace() == null ? null : event.trace().traceId())
			.append("spanId", event.trace() == null ? null : event.trace().spanId())
			.append("facts", new Document(new LinkedHashMap<>(event.facts())))
			.append("copies", event.positions());
	}

	static SagaEvent event(String orderId, Document document) {
		String traceId = document.getString("traceId");
		Map<String, String> facts = new LinkedHashMap<>();
		Document stored = document.get("facts", Document.class);
		if (stored != null) {
			stored.forEach((name, value) -> facts.put(name, String.valueOf(value)));
		}
		List<String> copies = strings(document, "copies");
		return new SagaEvent(document.getString("id"), orderId, document.getString("type"),
				document.getString("source"), instant(document, "time"),
				new Position(document.getString("topic"), integer(document, "partition"),
						longValue(document, "offset")),
				traceId == null ? null : new TraceContext(traceId, document.getString("spanId")),
				instant(document, "observedAt"), facts, copies.size(), copies);
	}

	static Document deadLetter(DeadLetter letter) {
		Position original = letter.original();
		return new Document("_id", letter.id()).append("orderId", letter.orderId())
			.append("topic", letter.position().topic())
			.append("partition", letter.position().partition())
			.append("offset", letter.position().offset())
			.append("originalTopic", original == null ? null : original.topic())
			.append("originalPartition", original == null ? null : original.partition())
			.append("originalOffset", original == null ? null : original.offset())
			.append("eventId", letter.eventId())
			.append("eventType", letter.eventType())
			.append("reason", letter.reason())
			.append("exceptionType", letter.exceptionType())
			.append("time", date(letter.time()))
			.append("observedAt", date(letter.observedAt()))
			.append("key", letter.key())
			.append("replayOf", letter.replayOf())
			.append("actions", letter.actions().stream().map(SagaDocuments::action).toList());
	}

	static Document action(DeadLetterAction action) {
		Position to = action.replayedTo();
		return new Document("id", action.id()).append("kind", action.kind().name())
			.append("by", action.by())
			.append("at", date(action.at()))
			.append("reason", action.reason())
			.append("replayedTo",
					to == null ? null : new Document("topic", to.topic()).append("partition", to.partition())
						.append("offset", to.offset()));
	}

	static DeadLetterAction action(Document document) {
		Document to = document.get("replayedTo", Document.class);
		return new DeadLetterAction(document.getString("id"), DeadLetterAction.Kind.valueOf(document.getString("kind")),
				document.getString("by"), instant(document, "at"), document.getString("reason"), to == null ? null
						: new Position(to.getString("topic"), integer(to, "partition"), longValue(to, "offset")));
	}

	static DeadLetter deadLetter(Document document) {
		String originalTopic = document.getString("originalTopic");
		return new DeadLetter(
				new Position(
						document.getString("topic"), integer(document, "partition"), longValue(document, "offset")),
				document.getString("orderId"),
				originalTopic == null ? null
						: new Position(originalTopic, integer(document, "originalPartition"),
								longValue(document, "originalOffset")),
				document.getString("eventId"), document.getString("eventType"), document.getString("reason"),
				document.getString("exceptionType"), instant(document, "time"), instant(document, "observedAt"),
				document.getString("replayOf"),
				documents(document, "actions").stream().map(SagaDocuments::action).toList(), document.getString("key"));
	}

	private static Document finding(Finding finding) {
		return new Document("rule", finding.rule().id()).append("message", finding.message())
			.append("evidence",
					finding.evidence()
						.stream()
						.map(evidence -> new Document("eventId", evidence.eventId()).append("type", evidence.type())
							.append("topic", evidence.topic())
							.append("partition", evidence.partition())
							.append("offset", evidence.offset())
							.append("time", date(evidence.time()))
							.append("note", evidence.note()))
						.toList());
	}

	private static Finding finding(Document document) {
		List<Evidence> evidence = documents(document, "evidence").stream()
			.map(item -> new Evidence(item.getString("eventId"), item.getString("type"), item.getString("topic"),
					integer(item, "partition"), longValue(item, "offset"), instant(item, "time"),
					item.getString("note")))
			.toList();
		return new Finding(Rule.byId(document.getString("rule")).orElseThrow(), document.getString("message"),
				evidence);
	}

}
