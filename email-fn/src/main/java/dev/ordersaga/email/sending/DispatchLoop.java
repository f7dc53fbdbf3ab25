package dev.ordersaga.email.sending;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link EmailDispatcher} on one thread per instance: at once when woken, and
 * every {@code saga.email.dispatch.interval} for retries, waiting e-mails and work a
 * crashed instance left behind. Passes never overlap within an instance; instances share
 * the work through claims.
 */
@Component
public class DispatchLoop implements DispatchSignal, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);

	private final EmailDispatcher dispatcher;

	private final EmailProperties properties;

	private final AtomicBoolean wakeRequested = new AtomicBoolean();

	private volatile ScheduledExecutorService executor;

	public DispatchLoop(EmailDispatcher dispatcher, EmailProperties properties) {
		this.dispatcher = dispatcher;
		this.properties = properties;
	}

	@Override
	public void wake() {
		ScheduledExecutorService current = executor;
		if (current != null && wakeRequested.compareAndSet(false, true)) {
			current.execute(this::pass);
		}
	}

	private void pass() {
		wakeRequested.set(false);
		try {
			dispatcher.dispatch();
		}
		catch (RuntimeException ex) {
			log.warn("E-mail dispatch pass failed, retrying in {}: {}", properties.dispatch().interval(),
					ex.toString());
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService started = Executors
			.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("email-dispatch-"));
		started.scheduleWithFixedDelay(this::pass, 0, properties.dispatch().interval().toMillis(),
				TimeUnit.MILLISECONDS);
		executor = started;
		log.info("E-mail dispatcher started (sweep every {}, retry budget {}, contact wait {})",
				properties.dispatch().interval(), properties.retry().budget(), properties.contactWait());
	}

	/**
	 * Lets a send in flight finish; an interrupted one is resent with the same Message-ID
	 * once its lease lapses.
	 */
	@Override
	public void stop() {
		ScheduledExecutorService current = executor;
		executor = null;
		if (current != null) {
			current.shutdown();
			try {
				if (!current.awaitTermination(10, TimeUnit.SECONDS)) {
					current.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				current.shutdownNow();
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return executor != null;
	}

}
