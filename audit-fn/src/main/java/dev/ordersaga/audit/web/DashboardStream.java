package dev.ordersaga.audit.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.ordersaga.audit.overview.DashboardSnapshot;
import dev.ordersaga.audit.overview.LiveOverview;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for the dashboard: a {@code snapshot} event on connect and after
 * every recomputation of the overview. Streams are closed before the web server drains
 * its requests on shutdown, so they never hold up a graceful shutdown.
 */
@RestController
class DashboardStream implements SmartLifecycle {

	/** Browsers reconnect by themselves after this. */
	private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

	private final LiveOverview live;

	private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();

	private final Consumer<DashboardSnapshot> broadcast = this::broadcast;

	private volatile boolean running;

	DashboardStream(LiveOverview live) {
		this.live = live;
	}

	@GetMapping(path = "/dashboard/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream() {
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		emitter.onCompletion(() -> emitters.remove(emitter));
		emitter.onTimeout(emitter::complete);
		emitter.onError(error -> emitters.remove(emitter));
		emitters.add(emitter);
		send(emitter, live.latest());
		return emitter;
	}

	/** The same snapshot without streaming, for scripts and the first paint. */
	@GetMapping("/dashboard/snapshot")
	DashboardSnapshot snapshot() {
		return live.latest();
	}

	private void broadcast(DashboardSnapshot snapshot) {
		emitters.forEach(emitter -> send(emitter, snapshot));
	}

	private void send(SseEmitter emitter, DashboardSnapshot snapshot) {
		try {
			emitter.send(SseEmitter.event().name("snapshot").data(snapshot, MediaType.APPLICATION_JSON));
		}
		catch (IOException | IllegalStateException ex) {
			// the browser went away; the container completes the emitter
			emitters.remove(emitter);
		}
	}

	@Override
	public void start() {
		live.subscribe(broadcast);
		running = true;
	}

	@Override
	public void stop() {
		running = false;
		live.unsubscribe(broadcast);
		emitters.forEach(SseEmitter::complete);
		emitters.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
