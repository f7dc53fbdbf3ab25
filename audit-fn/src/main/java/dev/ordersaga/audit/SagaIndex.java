package dev.ordersaga.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Every saga in a few bytes, in memory, with the counts the overview shows and the
 * moments sagas must be judged again. Rebuilt once at start-up from the store (after the
 * web server started, before the consumers start), then kept current by every stored
 * change, so neither the overview nor the sweep ever reads all sagas again. audit-fn is a
 * single consumer of its group: the changes it stores are all the changes there are.
 * <p>
 * Started while MongoDB is unreachable, the rebuild waits for the store (retrying with a
 * growing pause): the HTTP server is up but the service stays not ready, and the
 * consumers start only once the index is complete.
 */
@Component
public class SagaIndex implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SagaIndex.class);

	/**
	 * After the web server (which starts at {@code DEFAULT_PHASE - 1024}) and before the
	 * input bindings ({@code Integer.MAX_VALUE - 1000}).
	 */
	private static final int PHASE = Integer.MAX_VALUE - 1010;

	private static final long MAX_BACKOFF = TimeUnit.SECONDS.toNanos(30);

	private volatile boolean running;

	/**
	 * One saga as the overview lists it.
	 *
	 * @param version the stored version it reflects; an older one never replaces it
	 */
	public record Entry(String orderId, SagaState state, Verdict verdict, boolean stuck, boolean inFlight,
			Instant createdAt, Instant deadline, Instant terminalAt, Long latencyMs, Instant lastEventAt, int events,
			int duplicates, int deadLetters, List<Rule> rules, Instant nextCheckAt, long version) {

		static Entry of(SagaReport report, long version) {
			return new Entry(report.orderId(), report.state(), report.verdict(), report.stuck(), report.inFlight(),
					report.createdAt(), report.deadline(), report.terminalAt(),
					report.latency() == null ? null : report.latency().toMillis(), report.lastEventAt(),
					report.events(), report.duplicates(), report.deadLetters(), List.copyOf(report.rules()),
					report.nextCheckAt(), version);
		}

	}

	/** The counts, all at one moment. */
	public record Counts(Map<SagaState, Long> byState, Map<Rule, Long> byRule, long violated, long inFlight, long stuck,
			long duplicates, long events, Map<String, Long> deadLettersByTopic) {

		public long total() {
			return byState.values().stream().mapToLong(Long::longValue).sum();
		}

	}

	private record Key(Instant time, String orderId) {
	}

	private static final Comparator<Key> EARLIEST_FIRST = Comparator
		.comparing(Key::time, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing(Key::orderId);

	private static final Comparator<Key> LATEST_FIRST = Comparator
		.comparing(Key::time, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
		.thenComparing(Key::orderId);

	private final Sagas sagas;

	private final AuditLog auditLog;

	private final Map<String, Entry> entries = new HashMap<>();

	private final Map<SagaState, Long> byState = new EnumMap<>(SagaState.class);

	private final Map<Rule, Long> byRule = new EnumMap<>(Rule.class);

	private final Map<String, Long> deadLettersByTopic = new TreeMap<>();

	private long violated;

	private long inFlight;

	private long stuck;

	private long duplicates;

	private long events;

	private final NavigableSet<Key> latest = new TreeSet<>(LATEST_FIRST);

	private final NavigableSet<Key> violatedLatest = new TreeSet<>(LATEST_FIRST);

	private final NavigableSet<Key> stuckByDeadline = new TreeSet<>(EARLIEST_FIRST);

	private final NavigableSet<Key> terminalLatest = new TreeSet<>(LATEST_FIRST);

	private final NavigableSet<Key> checks = new TreeSet<>(EARLIEST_FIRST);

	public SagaIndex(Sagas sagas, AuditLog auditLog) {
		this.sagas = sagas;
		this.auditLog = auditLog;
		for (SagaState state : SagaState.values()) {
			byState.put(state, 0L);
		}
		for (Rule rule : Rule.values()) {
			byRule.put(rule, 0L);
		}
	}

	/**
	 * Rebuilds the index from the store, waiting for the store as long as it takes (see
	 * the class comment).
	 */
	@Override
	public void start() {
		long backoff = TimeUnit.SECONDS.toNanos(1);
		while (true) {
			try {
				rebuild();
				running = true;
				return;
			}
			catch (DataAccessResourceFailureException | TransientDataAccessException storeAway) {
				log.warn("Cannot read the stored sagas yet, trying again in {} ms: {}",
						TimeUnit.NANOSECONDS.toMillis(backoff), storeAway.toString());
				LockSupport.parkNanos(backoff);
				backoff = Math.min(backoff * 2, MAX_BACKOFF);
				if (Thread.currentThread().isInterrupted()) {
					throw new IllegalStateException("Interrupted while waiting for the store", storeAway);
				}
			}
		}
	}

	@Override
	public void stop() {
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** Reads every stored saga and dead-letter count into the index once. */
	public void rebuild() {
		sagas.forEachReport(stored -> update(stored.report(), stored.version()));
		Map<String, Long> stored = auditLog.deadLettersByTopic();
		synchronized (this) {
			stored.forEach((topic, n) -> deadLettersByTopic.merge(topic, n, Long::sum));
		}
	}

	/** A saga was stored at this version. */
	public synchronized void update(SagaReport report, long version) {
		Entry before = entries.get(report.orderId());
		if (before != null && before.version() >= version) {
			return;
		}
		if (before != null) {
			count(before, -1);
		}
		Entry after = Entry.of(report, version);
		entries.put(after.orderId(), after);
		count(after, 1);
	}

	/** A dead letter was stored for the first time. */
	public synchronized void deadLetterStored(String topic) {
		deadLettersByTopic.merge(topic, 1L, Long::sum);
	}

	public synchronized Counts counts() {
		return new Counts(new EnumMap<>(byState), new EnumMap<>(byRule), violated, inFlight, stuck, duplicates, events,
				new TreeMap<>(deadLettersByTopic));
	}

	/** The sagas with the latest events. */
	public synchronized List<Entry> recent(int limit) {
		return first(latest, limit, entry -> true);
	}

	/** The latest sagas that broke a rule. */
	public synchronized List<Entry> violated(int limit) {
		return first(violatedLatest, limit, entry -> true);
	}

	/** Stuck sagas, the oldest deadline first. */
	public synchronized List<Entry> stuck(int limit) {
		return first(stuckByDeadline, limit, entry -> true);
	}

	/** End-to-end latencies of the latest terminal sagas, in milliseconds. */
	public synchronized List<Long> latestLatencies(int limit) {
		return first(terminalLatest, limit, entry -> entry.latencyMs() != null).stream().map(Entry::latencyMs).toList();
	}

	/** Orders whose verdict may have changed by {@code upTo} without a new event. */
	public synchronized List<String> dueForCheck(Instant upTo, int limit) {
		List<String> due = new ArrayList<>();
		for (Key key : checks) {
			if (key.time().isAfter(upTo) || due.size() == limit) {
				break;
			}
			due.add(key.orderId());
		}
		return due;
	}

	private List<Entry> first(NavigableSet<Key> keys, int limit, Predicate<Entry> filter) {
		List<Entry> found = new ArrayList<>();
		for (Key key : keys) {
			if (found.size() == limit) {
				break;
			}
			Entry entry = entries.get(key.orderId());
			if (filter.test(entry)) {
				found.add(entry);
			}
		}
		return found;
	}

	private void count(Entry entry, int sign) {
		byState.merge(entry.state(), (long) sign, Long::sum);
		if (entry.verdict() == Verdict.VIOLATED) {
			violated += sign;
			entry.rules().forEach(rule -> byRule.merge(rule, (long) sign, Long::sum));
			index(violatedLatest, new Key(entry.lastEventAt(), entry.orderId()), sign);
		}
		if (entry.inFlight()) {
			inFlight += sign;
		}
		if (entry.stuck()) {
			stuck += sign;
			index(stuckByDeadline, new Key(entry.deadline(), entry.orderId()), sign);
		}
		duplicates += (long) sign * entry.duplicates();
		events += (long) sign * entry.events();
		index(latest, new Key(entry.lastEventAt(), entry.orderId()), sign);
		if (entry.terminalAt() != null) {
			index(terminalLatest, new Key(entry.terminalAt(), entry.orderId()), sign);
		}
		if (entry.nextCheckAt() != null) {
			index(checks, new Key(entry.nextCheckAt(), entry.orderId()), sign);
		}
	}

	private static void index(NavigableSet<Key> keys, Key key, int sign) {
		Objects.requireNonNull(key.orderId());
		if (sign > 0) {
			keys.add(key);
		}
		else {
			keys.remove(key);
		}
	}

}
