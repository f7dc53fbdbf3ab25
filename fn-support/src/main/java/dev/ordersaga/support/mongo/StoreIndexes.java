package dev.ordersaga.support.mongo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.mapping.context.MappingContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexResolver;
import org.springframework.data.mongodb.core.index.MongoPersistentEntityIndexResolver.IndexDefinitionHolder;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;

/**
 * Creates a service's MongoDB indexes without making its start depend on the store: a
 * service (re)started while MongoDB is unreachable starts, stays not ready, and creates
 * its indexes in the background once the store answers, retrying with a growing pause (1
 * s doubling up to 30 s) for as long as it takes.
 * <p>
 * It creates the indexes the mapping annotations declare ({@code @Indexed},
 * {@code @CompoundIndex} of every {@code @Document} the mapping context knows at start),
 * which is why Spring Data's own start-up index creation, that fails the start when the
 * store is down, is switched off ({@code spring.data.mongodb.auto-index-creation: false}
 * in saga-defaults.yml), and every index a component {@link #ensure declares} in code
 * (the outbox sweep index, query shapes of the services).
 * <p>
 * As the health indicator {@code storeIndexes} (part of the readiness group) it is DOWN
 * until every index exists. An index the store refuses for good (for example an existing
 * index of the same name with other options) is logged and left as it is: that needs a
 * person, not a retry, and must not keep the service out of rotation.
 */
public class StoreIndexes implements SmartLifecycle, HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(StoreIndexes.class);

	static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);

	static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	/** One index to create in one collection. */
	record Wanted(String collection, IndexDefinition index) {

		@Override
		public String toString() {
			return collection + " " + index.getIndexKeys().toJson();
		}

	}

	private final MongoTemplate mongo;

	private final MappingContext<? extends MongoPersistentEntity<?>, MongoPersistentProperty> mappingContext;

	private final List<Wanted> pending = new CopyOnWriteArrayList<>();

	private final List<Wanted> refused = new CopyOnWriteArrayList<>();

	private final AtomicReference<String> lastFailure = new AtomicReference<>();

	private volatile Thread worker;

	private volatile boolean running;

	public StoreIndexes(MongoTemplate mongo) {
		this.mongo = mongo;
		this.mappingContext = mongo.getConverter().getMappingContext();
	}

	/**
	 * Declares an index that must exist in {@code collection}; created in the background
	 * (at once when the store answers). Safe to call before or after the start.
	 */
	public void ensure(String collection, IndexDefinition index) {
		pending.add(new Wanted(collection, index));
		Thread current = worker;
		if (current != null) {
			LockSupport.unpark(current);
		}
	}

	/** Whether every declared index exists (or was refused for good). */
	public boolean done() {
		return pending.isEmpty();
	}

	@Override
	public Health health() {
		if (pending.isEmpty()) {
			return Health.up().withDetail("refused", refused.stream().map(Wanted::toString).toList()).build();
		}
		Health.Builder health = Health.down().withDetail("pending", pending.stream().map(Wanted::toString).toList());
		String failure = lastFailure.get();
		return failure == null ? health.build() : health.withDetail("lastFailure", failure).build();
	}

	@Override
	public void start() {
		pending.addAll(0, annotated());
		running = true;
		Thread started = Thread.ofPlatform().name("store-indexes").daemon().unstarted(this::work);
		worker = started;
		started.start();
	}

	/**
	 * The indexes of the mapping annotations, as Spring Data's own creator finds them.
	 */
	private List<Wanted> annotated() {
		IndexResolver resolver = IndexResolver.create(mappingContext);
		List<Wanted> wanted = new ArrayList<>();
		for (MongoPersistentEntity<?> entity : mappingContext.getPersistentEntities()) {
			if (!entity.isAnnotationPresent(Document.class)) {
				continue;
			}
			for (IndexDefinition index : resolver.resolveIndexFor(entity.getTypeInformation())) {
				String collection = index instanceof IndexDefinitionHolder holder ? holder.getCollection()
						: entity.getCollection();
				wanted.add(new Wanted(collection, index));
			}
		}
		return wanted;
	}

	private void work() {
		long backoff = INITIAL_BACKOFF.toNanos();
		while (running) {
			if (pending.isEmpty()) {
				LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
				continue;
			}
			boolean storeAway = false;
			for (Wanted wanted : List.copyOf(pending)) {
				if (!running) {
					return;
				}
				try {
					mongo.indexOps(wanted.collection()).createIndex(wanted.index());
					pending.remove(wanted);
					log.debug("Index ready: {}", wanted);
				}
				catch (DataAccessResourceFailureException | TransientDataAccessException ex) {
					lastFailure.set(ex.toString());
					storeAway = true;
					break;
				}
				catch (RuntimeException ex) {
					pending.remove(wanted);
					refused.add(wanted);
					log.error("MongoDB refused the index {}; left as it is: {}", wanted, ex.toString());
				}
			}
			if (storeAway) {
				log.warn("MongoDB unreachable, {} index(es) still to create; trying again in {} ms: {}", pending.size(),
						TimeUnit.NANOSECONDS.toMillis(backoff), lastFailure.get());
				LockSupport.parkNanos(backoff);
				backoff = Math.min(backoff * 2, MAX_BACKOFF.toNanos());
			}
			else {
				if (pending.isEmpty()) {
					log.info("Every MongoDB index is in place");
				}
				backoff = INITIAL_BACKOFF.toNanos();
			}
		}
	}

	@Override
	public void stop() {
		running = false;
		Thread current = worker;
		worker = null;
		if (current != null) {
			LockSupport.unpark(current);
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Before the consumers and the outbox relay, so that their queries find the indexes
	 * early.
	 */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

}
