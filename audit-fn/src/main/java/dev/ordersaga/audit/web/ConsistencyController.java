package dev.ordersaga.audit.web;

import dev.ordersaga.audit.overview.ConsistencyOverview;
import dev.ordersaga.audit.overview.Overviews;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The overall verdict. */
@RestController
class ConsistencyController {

	private final Overviews overviews;

	ConsistencyController(Overviews overviews) {
		this.overviews = overviews;
	}

	/**
	 * Counts by state, violations by rule, in-flight and stuck sagas, consumer lag per
	 * group, dead letters and latency, computed now.
	 */
	@GetMapping("/consistency")
	ConsistencyOverview consistency() {
		return overviews.current();
	}

}
