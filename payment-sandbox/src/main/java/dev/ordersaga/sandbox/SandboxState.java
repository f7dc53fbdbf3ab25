package dev.ordersaga.sandbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/** The switches demos and tests flip at run time: the outage and the added latency. */
@Component
class SandboxState {

	private static final Logger log = LoggerFactory.getLogger(SandboxState.class);

	/** How the provider behaves while it is down. */
	enum OutageMode {

		/**
		 * Every API request is refused at once with 503, like a load balancer in front of
		 * a provider in trouble.
		 */
		UNAVAILABLE,

		/**
		 * Requests are accepted but never answered within the client's timeout (held,
		 * then refused with 503), like a provider that hangs. Exercises the client's
		 * timeouts.
		 */
		TIMEOUT,

		/**
		 * Every API request is answered at once with 500 {@code api_error}, like a
		 * provider whose own back end fails every request. Nothing executes.
		 */
		SERVER_ERROR

	}

	private final AtomicReference<OutageMode> outage = new AtomicReference<>();

	private final AtomicReference<Duration> latency;

	private final Duration defaultLatency;

	private final Object recovered = new Object();

	SandboxState(SandboxProperties properties) {
		this.defaultLatency = properties.latency();
		this.latency = new AtomicReference<>(properties.latency());
	}

	/** The current outage mode, or {@code null} when the provider is up. */
	OutageMode outage() {
		return outage.get();
	}

	void goDown(OutageMode mode) {
		if (outage.getAndSet(mode) != mode) {
			log.warn("Sandbox provider DOWN ({}): /v1 requests are refused until DELETE /sandbox/outage", mode);
		}
	}

	void comeBack() {
		if (outage.getAndSet(null) != null) {
			log.info("Sandbox provider back UP");
		}
		synchronized (recovered) {
			recovered.notifyAll();
		}
	}

	/**
	 * Holds the calling request while the provider is down, at most {@code max}.
	 * @return whether the provider is still down afterwards
	 */
	boolean holdWhileDown(Duration max) throws InterruptedException {
		long deadline = System.nanoTime() + max.toNanos();
		synchronized (recovered) {
			while (outage.get() != null) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return true;
				}
				recovered.wait(Math.max(1, left / 1_000_000));
			}
		}
		return false;
	}

	Duration latency() {
		return latency.get();
	}

	void latency(Duration value) {
		latency.set(value);
		log.info("Sandbox latency set to {} ms", value.toMillis());
	}

	void reset() {
		comeBack();
		latency.set(defaultLatency);
	}

}
