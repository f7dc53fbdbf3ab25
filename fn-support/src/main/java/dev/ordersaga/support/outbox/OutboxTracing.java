package dev.ordersaga.support.outbox;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

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
		continueTrace(carrier, "outbox relay", () -> {
			send.run();
			return null;
		});
	}

	/**
	 * Runs {@code work} in a new span {@code name} whose parent is the trace captured in
	 * {@code carrier} (propagation headers stored with a document, e.g. by
	 * {@link Outbox#currentTrace()}), so that work done later on another thread (relaying
	 * an event, sending an e-mail) shows in the trace of the request or event that asked
	 * for it. Without a captured trace {@code work} runs as it is.
	 */
	public <T> T continueTrace(Map<String, String> carrier, String name, Supplier<T> work) {
		if (carrier.isEmpty()) {
			return work.get();
		}
		Span span = propagator.extract(carrier, Map::get).name(name).start();
		try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
			return work.get();
		}
		catch (RuntimeException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

}
