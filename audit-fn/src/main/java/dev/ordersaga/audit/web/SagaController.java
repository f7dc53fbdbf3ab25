package dev.ordersaga.audit.web;

import java.time.Instant;

import dev.ordersaga.audit.Rule;
import dev.ordersaga.audit.SagaState;
import dev.ordersaga.audit.Sagas;
import dev.ordersaga.audit.SagaTimeline;
import dev.ordersaga.audit.Verdict;
import dev.ordersaga.audit.overview.SagaSummary;
import dev.ordersaga.audit.persistence.SagaQueries;
import dev.ordersaga.support.web.Problems;
import dev.ordersaga.support.web.RequestValidationException;

import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Saga timelines and verdicts. */
@RestController
@RequestMapping("/sagas")
class SagaController {

	private final SagaQueries queries;

	private final Sagas stored;

	SagaController(SagaQueries queries, Sagas stored) {
		this.queries = queries;
		this.stored = stored;
	}

	/** The saga's verdict, findings with evidence, and its whole timeline. */
	@GetMapping("/{orderId}")
	SagaView saga(@PathVariable String orderId) {
		return stored.find(orderId)
			.map(saga -> SagaView.of(saga.report(), SagaTimeline.of(saga.events(), saga.deadLetters())))
			.orElseThrow(() -> Problems.notFound("Saga", orderId));
	}

	/**
	 * Sagas with the latest events first.
	 * @param state only sagas in this lifecycle state
	 * @param rule only sagas breaking this rule (its id, e.g. {@code multiple-charges})
	 * @param since only sagas with an event at or after this ISO-8601 instant
	 * @param verdict only sagas with this verdict
	 */
	@GetMapping
	PagedModel<SagaSummary> sagas(@RequestParam(required = false) SagaState state,
			@RequestParam(required = false) String rule,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
			@RequestParam(required = false) Verdict verdict, @PageableDefault(size = 20) Pageable pageable) {
		Rule broken = rule == null ? null
				: Rule.byId(rule)
					.orElseThrow(() -> new RequestValidationException("rule",
							"unknown rule; one of " + java.util.Arrays.stream(Rule.values()).map(Rule::id).toList()));
		return new PagedModel<>(queries.sagas(state, broken, since, verdict, pageable).map(SagaSummary::of));
	}

}
