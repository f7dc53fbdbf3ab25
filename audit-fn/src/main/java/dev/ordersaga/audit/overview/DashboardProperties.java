package dev.ordersaga.audit.overview;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the dashboard's history and of its links to the trace server.
 *
 * @param traceUrl the page of one trace on the trace server, {@code {traceId}} standing
 * for the 32-hex-digit trace id, e.g.
 * {@code http://localhost:9411/zipkin/traces/{traceId}}; empty: trace ids are shown
 * without a link
 * @param fineHistory how long the history at snapshot resolution (one point per
 * {@code saga.audit.snapshot-interval}, per second by default) is kept in memory
 * @param coarseHistory how long the history at per-minute resolution is kept in memory
 */
@ConfigurationProperties("saga.audit.dashboard")
public record DashboardProperties(@DefaultValue("") String traceUrl, @DefaultValue("1h") Duration fineHistory,
		@DefaultValue("24h") Duration coarseHistory) {
}
