package dev.ordersaga.audit.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.ordersaga.audit.overview.DashboardHistory;
import dev.ordersaga.audit.overview.DashboardHistory.Resolution;
import dev.ordersaga.audit.overview.DashboardProperties;
import dev.ordersaga.audit.overview.HistoryPoint;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the dashboard loads before it goes live: the recent history of its time series,
 * and where its trace ids link to.
 */
@RestController
class DashboardHistoryController {

	private final DashboardHistory history;

	private final DashboardProperties properties;

	private final Clock clock;

	DashboardHistoryController(DashboardHistory history, DashboardProperties properties, Clock clock) {
		this.history = history;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * {@code GET /dashboard/history?resolution=second|minute&window=PT15M}: the points of
	 * the last {@code window} (default and most: all that is kept, an hour per second, a
	 * day per minute), oldest first.
	 */
	@GetMapping("/dashboard/history")
	History history(@RequestParam(defaultValue = "second") String resolution,
			@RequestParam(required = false) Duration window) {
		Resolution parsed = switch (resolution.toLowerCase(Locale.ROOT)) {
			case "second", "fine" -> Resolution.FINE;
			case "minute" -> Resolution.MINUTE;
			default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"resolution must be 'second' or 'minute', not '" + resolution + "'");
		};
		Duration kept = parsed == Resolution.FINE ? properties.fineHistory() : properties.coarseHistory();
		if (window != null && (window.isNegative() || window.isZero())) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "window must be positive, e.g. PT15M");
		}
		Duration span = window == null || window.compareTo(kept) > 0 ? kept : window;
		return new History(parsed == Resolution.FINE ? "second" : "minute",
				history.points(parsed, span, clock.instant()));
	}

	/** {@code GET /dashboard/settings}: what the page needs to know of the server. */
	@GetMapping("/dashboard/settings")
	Settings settings() {
		return new Settings(properties.traceUrl().isBlank() ? null : properties.traceUrl());
	}

	/**
	 * @param resolution {@code second} or {@code minute}
	 * @param points oldest first
	 */
	record History(String resolution, List<HistoryPoint> points) {
	}

	/**
	 * @param traceUrl the trace page, {@code {traceId}} to be replaced; {@code null}
	 * without a trace server
	 */
	record Settings(String traceUrl) {
	}

}
