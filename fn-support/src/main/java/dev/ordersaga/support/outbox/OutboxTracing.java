package dev.ordersaga.support.outbox;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries the trace of the request that wrote an outbox entry over to the relay thread
 * that publishes it, so that an event relayed later (even after a restart) still belongs
 * to the trace of {@code POST /orders}.
 */
public class OutboxTracing {

	private final Tracer tracer;

	private final Propagator propagator;

	public OutboxTracing(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/**
	 * The propagation headers (e.g. {@code traceparent}) of the current trace; empty
	 * outside a trace.
	 */
	Map<String, String> capture() {
		TraceContext context = tracer.currentTraceContext().context();
		Map<String, String> carrier = new HashMap<>();
		if (context != null) {
			propagator.inject(context, carrier, Map::put);
		}
		return carrier;
	}

	/** Runs {@code send} in a span that continues the captured trace, if there is one. */
	void continueTrace(Map<String, String> carrier, Runnable send) {
		if (carrier.isEmpty()) {
			send.run();
			return;
		}
		Span span = propagator.extract(carrier, Map::get).name("outbox relay").start();
		try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
			send.run();
		}
		finally {
			span.end();
		}
	}

}
