package dev.ordersaga.audit.persistence;

import java.time.Duration;
import java.util.List;

import org.bson.Document;

import dev.ordersaga.audit.Evidence;
import dev.ordersaga.audit.Finding;
import dev.ordersaga.audit.Rule;
import dev.ordersaga.audit.SagaReport;
import dev.ordersaga.audit.SagaState;
import dev.ordersaga.audit.Verdict;

import static dev.ordersaga.audit.persistence.Bson.date;
import static dev.ordersaga.audit.persistence.Bson.documents;
import static dev.ordersaga.audit.persistence.Bson.instant;
import static dev.ordersaga.audit.persistence.Bson.integer;
import static dev.ordersaga.audit.persistence.Bson.longValue;
import static dev.ordersaga.audit.persistence.Bson.strings;

/**
 * The saga document: the report's fields plus what queries filter on ({@code rules},
 * {@code inFlight}) and the {@code version} of the conditional writes.
 */
final class SagaDocuments {

	static final String SAGAS = "sagas";

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
