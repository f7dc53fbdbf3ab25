package dev.ordersaga.devstack.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The checker's findings: counts per invariant (0 is a pass), the offending ids of each
 * (at most {@value #MAX_IDS} listed), and the run they come from. Written as a Markdown
 * table and as {@code report.json}.
 */
public final class ChaosReport {

	public static final String TERMINAL = "terminal";

	public static final String LOST = "lost";

	public static final String NOT_TERMINAL = "notTerminal";

	public static final String DOUBLE_CHARGES = "doubleCharges";

	public static final String COMPLETED_NOT_CHARGED_ONCE = "completedNotChargedOnce";

	public static final String UNREFUNDED_CANCELLED = "unrefundedCancelledCharges";

	public static final String CREDIT_MISMATCHES = "creditMismatches";

	public static final String DUPLICATE_MAILS = "duplicateMails";

	public static final String MISSING_MAILS = "missingMails";

	public static final String NON_MONOTONIC = "nonMonotonic";

	public static final String UNEXPECTED_DEAD_LETTERS = "unexpectedDeadLetters";

	public static final String MISSING_DEAD_LETTERS = "missingDeadLetters";

	public static final String UNDRAINED_GROUPS = "undrainedGroups";

	/** A repeated {@code Idempotency-Key} answered with a second order. */
	public static final String DUPLICATE_ORDERS = "duplicateOrders";

	/** Every invariant, in report order; each must be 0. */
	public static final List<String> INVARIANTS = List.of(LOST, NOT_TERMINAL, DOUBLE_CHARGES,
			COMPLETED_NOT_CHARGED_ONCE, UNREFUNDED_CANCELLED, CREDIT_MISMATCHES, DUPLICATE_MAILS, MISSING_MAILS,
			NON_MONOTONIC, UNEXPECTED_DEAD_LETTERS, MISSING_DEAD_LETTERS, UNDRAINED_GROUPS, DUPLICATE_ORDERS);

	/**
	 * Invariants whose offending ids are order ids (the others name customers, topics…).
	 */
	private static final Set<String> ORDER_INVARIANTS = Set.of(LOST, NOT_TERMINAL, DOUBLE_CHARGES,
			COMPLETED_NOT_CHARGED_ONCE, UNREFUNDED_CANCELLED, DUPLICATE_MAILS, MISSING_MAILS, NON_MONOTONIC);

	static final int MAX_IDS = 20;

	private final Map<String, Object> values;

	private final Map<String, Long> violations;

	private final boolean auditAgrees;

	private final boolean quiescent;

	private ChaosReport(Map<String, Object> values, Map<String, Long> violations, boolean auditAgrees,
			boolean quiescent) {
		this.values = values;
		this.violations = violations;
		this.auditAgrees = auditAgrees;
		this.quiescent = quiescent;
	}

	static Builder builder(InvariantChecker.Run run, boolean quiescent) {
		return new Builder(run, quiescent);
	}

	/** How many times {@code invariant} (one of {@link #INVARIANTS}) was broken. */
	public long violations(String invariant) {
		return violations.getOrDefault(invariant, 0L);
	}

	public boolean auditAgrees() {
		return auditAgrees;
	}

	public boolean quiescent() {
		return quiescent;
	}

	/** Every invariant holds, audit-fn agrees and the system came to rest. */
	public boolean passed() {
		return quiescent && auditAgrees && violations.values().stream().allMatch(count -> count == 0);
	}

	/** Everything of the report, as written to {@code report.json}. */
	public Map<String, Object> asMap() {
		return values;
	}

	public String toJson() {
		return Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(values);
	}

	public void write(Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, toJson());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	/** A Markdown table: invariant, count, the first offending ids. */
	@SuppressWarnings("unchecked")
	public String toMarkdown() {
		StringBuilder table = new StringBuilder();
		table.append("| invariant | value | offending (first ").append(MAX_IDS).append(") |\n|---|---|---|\n");
		for (String key : List.of("seed", "durationSeconds", "orders", "faultsInjected", TERMINAL, "completed",
				"cancelled", "mails", "deadLetters", "quiescent")) {
			table.append("| ").append(key).append(" | ").append(values.get(key)).append(" | |\n");
		}
		Map<String, List<String>> offending = (Map<String, List<String>>) values.get("offending");
		for (String invariant : INVARIANTS) {
			table.append("| ")
				.append(invariant)
				.append(" | ")
				.append(violations(invariant))
				.append(" | ")
				.append(String.join(", ", offending.getOrDefault(invariant, List.of())))
				.append(" |\n");
		}
		table.append("| auditAgrees | ")
			.append(auditAgrees)
			.append(" | ")
			.append(values.get("auditVerdict"))
			.append(" |\n");
		return table.toString();
	}

	static final class Builder {

		private final InvariantChecker.Run run;

		private final boolean quiescent;

		private final Map<String, Long> counts = new TreeMap<>();

		private final Map<String, Long> violations = new LinkedHashMap<>();

		private final Map<String, List<String>> offending = new LinkedHashMap<>();

		private final Set<String> offendingOrders = new TreeSet<>();

		private final Map<String, Long> lags = new LinkedHashMap<>();

		private String auditVerdict = "not asked";

		private boolean auditAgrees;

		private List<String> onlyAudit = List.of();

		private List<String> onlyChecker = List.of();

		private Builder(InvariantChecker.Run run, boolean quiescent) {
			this.run = run;
			this.quiescent = quiescent;
			INVARIANTS.forEach(invariant -> violations.put(invariant, 0L));
		}

		void count(String what) {
			count(what, 1);
		}

		void count(String what, long by) {
			counts.merge(what, by, Long::sum);
		}

		/**
		 * One more violation of {@code invariant} by {@code id} (with evidence after a
		 * blank).
		 */
		void violation(String invariant, String id) {
			violations.merge(invariant, 1L, Long::sum);
			List<String> ids = offending.computeIfAbsent(invariant, key -> new ArrayList<>());
			if (ids.size() < MAX_IDS) {
				ids.add(id);
			}
			if (ORDER_INVARIANTS.contains(invariant)) {
				offendingOrders.add(id.split(" ", 2)[0]);
			}
		}

		void lag(String group, long lag) {
			lags.put(group, lag);
		}

		Set<String> offendingOrders() {
			return Set.copyOf(offendingOrders);
		}

		boolean clean() {
			return violations.values().stream().allMatch(count -> count == 0);
		}

		void audit(String verdict, boolean agrees, List<String> flaggedOnlyByAudit, List<String> flaggedOnlyByChecker) {
			this.auditVerdict = verdict;
			this.auditAgrees = agrees;
			this.onlyAudit = flaggedOnlyByAudit.stream().limit(MAX_IDS).toList();
			this.onlyChecker = flaggedOnlyByChecker.stream().limit(MAX_IDS).toList();
		}

		ChaosReport build() {
			Map<String, Object> values = new LinkedHashMap<>();
			values.put("seed", run.seed());
			values.put("durationSeconds", run.duration().toSeconds());
			values.put("orders", run.orders().size());
			values.put("customers", run.creditLimits().size());
			values.put("faultsInjected", new TreeMap<>(run.faultsInjected()));
			values.put("poisonInjected", run.poison().size());
			values.put("load", new TreeMap<>(run.load()));
			values.put("quiescent", quiescent);
			values.put(TERMINAL, counts.getOrDefault(TERMINAL, 0L));
			values.put("completed", counts.getOrDefault("completed", 0L));
			values.put("cancelled", counts.getOrDefault("cancelled", 0L));
			values.put("mails", counts.getOrDefault("mails", 0L));
			values.put("deadLetters", counts.getOrDefault("deadLetters", 0L));
			violations.forEach(values::put);
			values.put("auditAgrees", auditAgrees);
			values.put("auditVerdict", auditVerdict);
			values.put("flaggedOnlyByAudit", onlyAudit);
			values.put("flaggedOnlyByChecker", onlyChecker);
			values.put("consumerLag", lags);
			values.put("offending", offending);
			return new ChaosReport(values, Map.copyOf(violations), auditAgrees, quiescent);
		}

	}

}
