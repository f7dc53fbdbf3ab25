package dev.ordersaga.audit.overview;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.audit.AuditProperties;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Takes the overview every {@code saga.audit.snapshot-interval} from the in-memory saga
 * index (no store query), keeps the latest for the metrics and pushes it to every
 * subscriber (the dashboards).
 */
@Component
public class LiveOverview implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(LiveOverview.class);

	private static final int RECENT = 15;

	private final Overviews overviews;

	private final AuditProperties properties;

	private final List<Consumer<DashboardSnapshot>> subscribers = new CopyOnWriteArrayList<>();

	private volatile DashboardSnapshot latest;

	LiveOverview(Overviews overviews, AuditProperties properties) {
		this.overviews = overviews;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::tick, properties.snapshotInterval());
	}

	/** The latest snapshot; computed now if there is none yet. */
	public DashboardSnapshot latest() {
		DashboardSnapshot snapshot = latest;
		return snapshot != null ? snapshot : compute(null);
	}

	public void subscribe(Consumer<DashboardSnapshot> subscriber) {
		subscribers.add(subscriber);
	}

	public void unsubscribe(Consumer<DashboardSnapshot> subscriber) {
		subscribers.remove(subscriber);
	}

	void tick() {
		try {
			DashboardSnapshot snapshot = compute(latest);
			latest = snapshot;
			subscribers.forEach(subscriber -> subscriber.accept(snapshot));
		}
		catch (RuntimeException ex) {
			log.warn("Could not compute the consistency overview: {}", ex.toString());
		}
	}

	private DashboardSnapshot compute(DashboardSnapshot previous) {
		ConsistencyOverview overview = overviews.current();
		double eventsPerSecond = 0;
		double finishedPerSecond = 0;
		if (previous != null) {
			Instant before = previous.overview().evaluatedAt();
			double seconds = Math.max(0.001, Duration.between(before, overview.evaluatedAt()).toMillis() / 1000.0);
			eventsPerSecond = Math.max(0, overview.events() - previous.overview().events()) / seconds;
			finishedPerSecond = Math.max(0, Overviews.terminal(overview) - Overviews.terminal(previous.overview()))
					/ seconds;
		}
		return new DashboardSnapshot(overview, round(eventsPerSecond), round(finishedPerSecond),
				overviews.recent(RECENT));
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
