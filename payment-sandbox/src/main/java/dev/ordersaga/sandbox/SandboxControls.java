package dev.ordersaga.sandbox;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The switches and ledgers of the sandbox, for demos and tests. Not part of any real
 * provider's API, hence no API key: never expose a sandbox outside a development or test
 * environment.
 */
@RestController
@RequestMapping("/sandbox")
@Validated
class SandboxControls {

	/**
	 * Where the sandbox stands.
	 *
	 * @param outage {@code UNAVAILABLE}, {@code TIMEOUT}, or {@code null} when up
	 * @param latencyMillis delay added to every API request
	 */
	record Status(boolean up, SandboxState.OutageMode outage, long latencyMillis, int charges, int refunds) {
	}

	/** Body of {@code PUT /sandbox/latency}. */
	record Latency(@NotNull @Min(0) @Max(120_000) Long millis) {
	}

	private final SandboxState state;

	private final Ledger ledger;

	SandboxControls(SandboxState state, Ledger ledger) {
		this.state = state;
		this.ledger = ledger;
	}

	@GetMapping("/status")
	Status status() {
		SandboxState.OutageMode outage = state.outage();
		return new Status(outage == null, outage, state.latency().toMillis(), ledger.charges(null).size(),
				ledger.refunds(null).size());
	}

	/**
	 * Takes the API down: every {@code /v1} request is refused (503) or, in
	 * {@code TIMEOUT} mode, left hanging.
	 */
	@PostMapping("/outage")
	ResponseEntity<Void> goDown(@RequestParam(defaultValue = "UNAVAILABLE") SandboxState.OutageMode mode) {
		state.goDown(mode);
		return ResponseEntity.noContent().build();
	}

	/** Brings the API back. */
	@DeleteMapping("/outage")
	ResponseEntity<Void> comeBack() {
		state.comeBack();
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/latency")
	Latency latency() {
		return new Latency(state.latency().toMillis());
	}

	@PutMapping("/latency")
	ResponseEntity<Void> latency(@Validated @RequestBody Latency latency) {
		state.latency(Duration.ofMillis(latency.millis()));
		return ResponseEntity.noContent().build();
	}

	/**
	 * Charges the sandbox executed (succeeded and declined), never idempotent replays;
	 * oldest first.
	 */
	@GetMapping("/charges")
	List<Charge> charges(@RequestParam(required = false) String orderId) {
		return ledger.charges(orderId);
	}

	/** Refunds the sandbox executed, never idempotent replays; oldest first. */
	@GetMapping("/refunds")
	List<Refund> refunds(@RequestParam(required = false) String orderId) {
		return ledger.refunds(orderId);
	}

	/**
	 * Every {@code /v1} request with its outcome (executed, replayed, refused, rejected);
	 * oldest first.
	 */
	@GetMapping("/requests")
	List<ApiRequest> requests(@RequestParam(required = false) String orderId,
			@RequestParam(required = false) String idempotencyKey) {
		return ledger.requests(orderId, idempotencyKey);
	}

	/** Forgets everything and brings the sandbox back to its configured defaults. */
	@PostMapping("/reset")
	ResponseEntity<Void> reset() {
		ledger.clear();
		state.reset();
		return ResponseEntity.noContent().build();
	}

}
