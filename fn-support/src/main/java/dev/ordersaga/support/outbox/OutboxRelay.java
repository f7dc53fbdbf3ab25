package dev.ordersaga.support.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.support.events.EventCodec;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Publishes outbox entries and removes them once the broker acknowledged them.
 * <p>
 * A relay first takes a lease on one document's outbox (a conditional update, so replicas
 * never publish the same document at the same time), publishes its entries in order with
 * a synchronous send, then pulls exactly the published entries. A crash after the send
 * and before the pull publishes the entries again after the lease expires: delivery is
 * at-least-once, and consumers drop the duplicates by {@code ce_id}.
 * <p>
 * Writers call {@link #wake()} after each write, so an event normally reaches the broker
 * within milliseconds; a periodic sweep catches whatever a crash or a broker outage left
 * behind.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	static final String LEASE = "outboxLease";

	static final String OWNER = "outboxOwner";

	private final MongoTemplate mongo;

	private final StreamBridge bridge;

	private final EventCodec codec;

	private final OutboxProperties properties;

	private final OutboxTracing tracing;

	private final String owner = UUID.randomUUID().toString();

	private final AtomicBoolean wakeRequested = new AtomicBoolean();

	private final Counter published;

	private final Counter failures;

	private final Timer lag;

	private volatile ScheduledExecutorService executor;

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
		this.lag = Timer.builder("saga.outbox.lag")
			.description("Time from the business write to the broker's acknowledgement")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
	}

	/**
	 * Asks for a relay pass now; cheap and safe to call from any thread, any number of
	 * times.
	 */
	public void wake() {
		ScheduledExecutorService current = executor;
		if (current != null && wakeRequested.compareAndSet(false, true)) {
			current.execute(this::relayAll);
		}
	}

	/**
	 * One relay pass: publishes every pending entry of every outbox collection that no
	 * other relay holds a lease on; returns how many were published. The relay's own
	 * thread runs it on every wake-up and sweep.
	 */
	public int relayAll() {
		wakeRequested.set(false);
		int count = 0;
		for (String collection : properties.collections()) {
			try {
				Document claimed;
				while ((claimed = claimNext(collection)) != null) {
					int sent = publish(collection, claimed);
					if (sent < 0) {
						break; // the broker is unreachable: the sweep tries again, no
								// need to hit every document now
					}
					count += sent;
				}
			}
			catch (RuntimeException ex) {
				log.warn("Outbox relay pass over '{}' failed, retrying on the next sweep: {}", collection,
						ex.toString());
			}
		}
		return count;
	}

	private Document claimNext(String collection) {
		Date now = new Date();
		Query pending = Query.query(Criteria.where(OutboxEntry.FIELD + ".0")
			.exists(true)
			.orOperator(Criteria.where(LEASE).exists(false), Criteria.where(LEASE).lt(now)));
		Update lease = new Update().set(LEASE, Date.from(now.toInstant().plus(properties.lease()))).set(OWNER, owner);
		return mongo.findAndModify(pending, lease, FindAndModifyOptions.options().returnNew(true), Document.class,
				collection);
	}

	/**
	 * @return the number of events published, or -1 when sending failed
	 */
	private int publish(String collection, Document claimed) {
		Object id = claimed.get("_id");
		List<OutboxEntry> entries = claimed.getList(OutboxEntry.FIELD, Document.class)
			.stream()
			.map(OutboxEntry::fromDocument)
			.toList();
		List<String> sent = new ArrayList<>();
		try {
			for (OutboxEntry entry : entries) {
				send(entry);
				sent.add(entry.id());
			}
			mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
					new Update().pull(OutboxEntry.FIELD, Query.query(Criteria.where("_id").in(sent)).getQueryObject())
						.unset(LEASE)
						.unset(OWNER),
					collection);
		}
		catch (RuntimeException ex) {
			failures.increment();
			log.warn("Publishing outbox of {}/{} failed after {} of {} events; retrying in {}: {}", collection, id,
					sent.size(), entries.size(), properties.retryBackoff(), ex.toString());
			Update retry = new Update().set(LEASE, Date.from(Instant.now().plus(properties.retryBackoff())));
			if (!sent.isEmpty()) {
				retry.pull(OutboxEntry.FIELD, Query.query(Criteria.where("_id").in(sent)).getQueryObject());
			}
			mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and(OWNER).is(owner)), retry, collection);
			return -1;
		}
		return sent.size();
	}

	private void send(OutboxEntry entry) {
		tracing.continueTrace(entry.trace(), () -> {
			boolean accepted = bridge.send(entry.binding(), codec.toMessage(entry.id(), entry.type(), entry.subject(),
					entry.time(), entry.body().getBytes(StandardCharsets.UTF_8)));
			if (!accepted) {
				throw new IllegalStateException("Binding " + entry.binding() + " refused event " + entry.id());
			}
		});
		published.increment();
		lag.record(Duration.between(entry.time(), Instant.now()));
		log.debug("Published {} {} for {}", entry.type(), entry.id(), entry.subject());
	}

	@Override
	public void start() {
		ScheduledExecutorService started = Executors
			.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("outbox-relay-"));
		long interval = properties.sweepInterval().toMillis();
		started.scheduleWithFixedDelay(this::relayAll, 0, interval, TimeUnit.MILLISECONDS);
		executor = started;
		log.info("Outbox relay {} started on {} (sweep every {})", owner, properties.collections(),
				properties.sweepInterval());
	}

	@Override
	public void stop() {
		ScheduledExecutorService current = executor;
		executor = null;
		if (current != null) {
			current.shutdown();
			try {
				if (!current.awaitTermination(10, TimeUnit.SECONDS)) {
					current.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				current.shutdownNow();
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return executor != null;
	}

	/** Starts after the bindings it publishes through, stops before them. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 100;
	}

}
