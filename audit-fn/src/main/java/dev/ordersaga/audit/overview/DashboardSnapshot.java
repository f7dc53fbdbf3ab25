package dev.ordersaga.audit.overview;

import java.util.List;

/**
 * What the live dashboard receives every tick: the overview plus throughput and the
 * latest sagas.
 *
 * @param overview the overall verdict and its numbers
 * @param eventsPerSecond new events stored per second since the previous tick
 * @param sagasFinishedPerSecond sagas that reached a terminal state per second since the
 * previous tick
 * @param recent the sagas with the latest events
 */
public record DashboardSnapshot(ConsistencyOverview overview, double eventsPerSecond, double sagasFinishedPerSecond,
		List<SagaSummary> recent) {
}
