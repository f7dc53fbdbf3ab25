package dev.ordersaga.support.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.support.events.EventCodec;
import dev.ordersaga.support.logging.SagaLogContext;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.PartialIndexFilter;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Publishes outbox entries and removes them once the broker acknowledged them.
 * <p>
 * Writers tell the relay which document they wrote ({@link #wake(String, Object)}); the
 * relay takes a lease on that document by {@code _id} (a conditional update, so replicas
 * never publish the same document at the same time), publishes its entries in order with
 * acknowledged sends, then pulls exactly the published entries and releases the lease —
 * both only while the lease is still its own, so a relay whose lease lapsed (a long GC
 * pause) cannot clear its successor's. A crash after the send and before the pull
 * publishes the entries again after the lease expires: delivery is at-least-once, and
 * consumers drop the duplicates by {@code ce_id}.
 * <p>
 * Nothing on this path queries anything but {@code _id}. A document whose send failed is
 * tried again by {@code _id} after {@code retry-backoff}, without holding up the others.
 * A periodic sweep ({@link #relayAll()}), the only query by content, finds what no
 * wake-up announced: documents a crashed replica left behind, or whose lease lapsed.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	static final String LEASE = "outboxLease";

	static final String OWNER = "outboxOwner";

	/** Longest wait for work, so that a stop is noticed without interrupting a send. */
	private static final long IDLE_WAIT = TimeUnit.MILLISECONDS.toNanos(200);

	/** Consecutive failed documents after which the relay assumes the broker is away. */
	private static final int FAILURES_BEFORE_PAUSE = 3;

	private final MongoTemplate mongo;

	private final StreamBridge bridge;

	private final EventCodec codec;

	private final OutboxProperties properties;

	private final OutboxTracing tracing;

	private final String owner = UUID.randomUUID().toString();

	private final BlockingQueue<Written> written = new LinkedBlockingQueue<>();

	private final DelayQueue<Retry> retries = new DelayQueue<>();

	/** Announced documents and retries taken in and not yet done with. */
	private final AtomicInteger inFlight = new AtomicInteger();

	private final Counter published;

	private final Counter failures;

	private final Counter swept;

	private final Timer lag;

	private volatile Thread worker;

	public OutboxRelay(MongoTemplate mongo, StreamBridge bridge, EventCodec codec, OutboxProperties properties,
			OutboxTracing tracing, MeterRegistry meters) {
		this.mongo = mongo;
		this.bridge = bridge;
		this.codec = codec;
		this.properties = properties;
		this.tracing = tracing;
		this.published = Counter.builder("saga.outbox.published")
			.description("Outbox events acknowledged by the broker")
			.register(meters);
		this.failures = Counter.builder("saga.outbox.failures")
			.description("Failed attempts to publish an outbox event; retried")
			.register(meters);
		this.swept = Counter.builder("saga.outbox.swept")
			.description("Outbox documents found by the sweep rather than announced by their writer")
			.register(meters);
		this.lag = Timer.builder("saga.outbox.lag")
			.description("Time from the business write to the broker's acknowledgement")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
		Gauge.builder("saga.outbox.pending", inFlight, AtomicInteger::get)
			.description("Outbox documents announced to this relay and not yet published")
			.register(meters);
	}

	/**
	 * Asks the relay to publish the outbox of document {@code id} in {@code collection},
	 * which the caller has just written; cheap and safe to call from any thread.
	 */
	public void wake(String collection, Object id) {
		inFlight.incrementAndGet();
		written.add(new Written(collection, id));
	}

	/**
	 * Whether nothing announced to this relay is waiting to be published, being
	 * published, or waiting for its retry.
	 */
	public boolean idle() {
		return inFlight.get() == 0;
	}

	/**
	 * One sweep: publishes the outboxes that nobody announced and no live lease holds, in
	 * bounded batches; returns how many events were published. The relay's own thread
	 * runs it every {@code sweep-interval}.
	 */
	public int relayAll() {
		int count = 0;
		for (String collection : properties.collections()) {
			try {
				List<Object> orphans;
				int failedInARow = 0;
				do {
					orphans = orphans(collection);
					swept.increment(orphans.size());
					for (Object id : orphans) {
						int sent = relay(collection, id);
						count += Math.max(0, sent);
						failedInARow = sent < 0 ? failedInARow + 1 : 0;
						if (failedInARow >= FAILURES_BEFORE_PAUSE) {
							// the broker is likely away: no send timeout per orphan, the
							// next
							// sweep tries again
							return count;
						}
					}
				}
				while (orphans.size() == properties.sweepBatch() && worker != null);
			}
			catch (RuntimeException ex) {
				log.warn("Outbox sweep over '{}' failed, retrying on the next sweep: {}", collection, ex.toString());
			}
		}
		return count;
	}

	/**
	 * The {@code _id}s of documents with entries and no live lease: the one query by
	 * content (its index is declared by each service), run by the sweep only.
	 */
	private List<Object> orphans(String collection) {
		Query query = Query
			.query(Criteria.where(OutboxEntry.FIELD + ".0")
				.exists(true)
				.orOperator(Criteria.where(LEASE).exists(false), Criteria.where(LEASE).lt(new Date())))
			.limit(properties.sweepBatch());
		query.fields().include("_id");
		return mongo.find(query, Document.class, collection).stream().map(document -> document.get("_id")).toList();
	}

	/**
	 * Publishes the outbox of one document if no other relay holds it.
	 * @return the number of events published, or -1 when sending failed (the document is
	 * tried again after {@code retry-backoff})
	 */
	int relay(String collection, Object id) {
		Date now = new Date();
		Query claimable = Query.query(Criteria.where("_id")
			.is(id)
			.and(OutboxEntry.FIELD + ".0")
			.exists(true)
			.orOperator(Criteria.where(LEASE).exists(false), Criteria.where(LEASE).lt(now)));
		Update lease = new Update().set(LEASE, Date.from(now.toInstant().plus(properties.lease()))).set(OWNER, owner);
		Document claimed = mongo.findAndModify(claimable, lease, FindAndModifyOptions.options().returnNew(true),
				Document.class, collection);
		if (claimed == null) {
			return 0; // published already, or another relay holds it and publishes it
		}
		return publish(collection, id, claimed);
	}

	private int publish(String collection, Object id, Document claimed) {
		List<OutboxEntry> entries = claimed.getList(OutboxEntry.FIELD, Document.class)
			.stream()
			.map(OutboxEntry::fromDocument)
			.toList();
		List<String> sent = new ArrayList<>();
		Query ours = Query.query(Criteria.where("_id").is(id).and(OWNER).is(owner));
		try {
			for (OutboxEntry entry : entries) {
				send(entry);
				sent.add(entry.id());
			}
			boolean released = mongo
				.updateFirst(ours, pullSent(new Update(), sent).unset(LEASE).unset(OWNER), collection)
				.getMatchedCount() > 0;
			if (!released) {
				log.warn(
						"Lease on the outbox of {}/{} lapsed while publishing; its holder publishes the {} events again",
						collection, id, sent.size());
			}
			return sent.size();
		}
		catch (RuntimeException ex) {
			failures.increment();
			log.warn("Publishing outbox of {}/{} failed after {} of {} events; retrying in {}: {}", collection, id,
					sent.size(), entries.size(), properties.retryBackoff(), ex.toString());
			Update retry = new Update().set(LEASE, Date.from(Instant.now().plus(properties.retryBackoff())));
			mongo.updateFirst(ours, pullSent(retry, sent), collection);
			inFlight.incrementAndGet();
			retries
				.add(new Retry(new Written(collection, id), System.nanoTime() + properties.retryBackoff().toNanos()));
			return -1;
		}
	}

	private static Update pullSent(Update update, List<String> sent) {
		return sent.isEmpty() ? update
				: update.pull(OutboxEntry.FIELD, Query.query(Criteria.where("_id").in(sent)).getQueryObject());
	}

	private void send(OutboxEntry entry) {
		try (SagaLogContext context = SagaLogContext.event(entry.type(), entry.id(), entry.subject())) {
			tracing.continueTrace(entry.trace(), () -> {
				boolean accepted = bridge.send(entry.binding(), codec.toMessage(entry.id(), entry.type(),
						entry.subject(), entry.time(), entry.body().getBytes(StandardCharsets.UTF_8)));
				if (!accepted) {
					throw new IllegalStateException("Binding " + entry.binding() + " refused event " + entry.id());
				}
				published.increment();
				lag.record(Duration.between(entry.time(), Instant.now()));
				log.debug("Published {} {} for {}", entry.type(), entry.id(), entry.subject());
			});
		}
	}

	/**
	 * The relay's thread: announced documents first, then those whose retry is due, and a
	 * sweep every {@code sweep-interval}. After several documents in a row failed, the
	 * broker is likely away: it pauses for {@code retry-backoff} instead of spending a
	 * send timeout on every document.
	 */
	private void work() {
		long sweepEvery = properties.sweepInterval().toNanos();
		long nextSweep = System.nanoTime();
		int failedInARow = 0;
		while (worker == Thread.currentThread()) {
			try {
				if (System.nanoTime() - nextSweep >= 0) {
					relayAll();
					nextSweep = System.nanoTime() + sweepEvery;
				}
				Retry due = retries.poll();
				long wait = Math.min(IDLE_WAIT, Math.min(nextSweep - System.nanoTime(), nextRetryIn()));
				Written next = due != null ? due.document() : written.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
				if (next == null) {
					continue;
				}
				int sent;
				try {
					sent = relay(next.collection(), next.id());
				}
				finally {
					inFlight.decrementAndGet();
				}
				failedInARow = sent < 0 ? failedInARow + 1 : 0;
				if (failedInARow >= FAILURES_BEFORE_PAUSE) {
					failedInARow = 0;
					Thread.sleep(properties.retryBackoff().toMillis());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Outbox relay step failed, going on: {}", ex.toString());
			}
		}
	}

	private long nextRetryIn() {
		Retry first = retries.peek();
		return first == null ? Long.MAX_VALUE : first.getDelay(TimeUnit.NANOSECONDS);
	}

	/**
	 * The index of the sweep's query: only documents with pending entries are in it, so
	 * it stays as small as the backlog however large the collection grows.
	 */
	public static Index sweepIndex() {
		return new Index().on(LEASE, Sort.Direction.ASC)
			.partial(PartialIndexFilter.of(Criteria.where(OutboxEntry.FIELD + ".0").exists(true)))
			.named("outbox_pending");
	}

	/**
	 * Starts the relay without touching the store: the {@link #sweepIndex()} of every
	 * outbox collection is created by {@code StoreIndexes} (declared there by the
	 * auto-configuration), in the background, so that a relay starts while MongoDB is
	 * away and works once it is back.
	 */
	@Override
	public void start() {
		Thread started = Thread.ofPlatform().name("outbox-relay").daemon().unstarted(this::work);
		worker = started;
		started.start();
		log.info("Outbox relay {} started on {} (sweep every {})", owner, properties.collections(),
				properties.sweepInterval());
	}

	@Override
	public void stop() {
		Thread current = worker;
		worker = null;
		if (current != null) {
			try {
				if (!current.join(Duration.ofSeconds(10))) {
					current.interrupt();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return worker != null;
	}

	/** Starts after the bindings it publishes through, stops before them. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 100;
	}

	private record Written(String collection, Object id) {
	}

	private record Retry(Written document, long dueNanos) implements Delayed {

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(dueNanos, ((Retry) other).dueNanos);
		}

	}

}
