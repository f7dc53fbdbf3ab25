package dev.ordersaga.email.sending;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link EmailDispatcher}, told by id what to do instead of polling the mail
 * log:
 * <ul>
 * <li>an e-mail that is due now goes to a small pool of sender threads
 * ({@code saga.email.dispatch.senders}), each reusing its SMTP connection;</li>
 * <li>one due later (a retry after its backoff, the end of a wait for the contact) is
 * handed over by an in-process timer when its time comes;</li>
 * <li>a bounded sweep ({@code saga.email.dispatch.batch-size} entries) at start-up and
 * every {@code saga.email.dispatch.interval} catches what this process cannot know about:
 * work a crashed instance left behind, and timers lost with a restart. An e-mail the full
 * sender queue ({@code saga.email.dispatch.queue-capacity}) refuses is offered again as
 * senders free up, not left to the sweep. The sweep looks one interval ahead and sets a
 * timer for each e-mail due later, so that a rare sweep does not make a retry or the end
 * of a wait late. It is the one query of the mail log by content; nothing on the path of
 * an e-mail queries anything but {@code _id}.</li>
 * </ul>
 * An id is queued once at a time per instance; instances share the work through
 * version-conditional claims, so no e-mail is ever sent twice concurrently.
 */
@Component
public class DispatchLoop implements DispatchSignal, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);

	private final EmailDispatcher dispatcher;

	private final EmailProperties properties;

	private final Clock clock;

	/** Ids queued for, or being handled by, a sender thread. */
	private final Set<String> pending = ConcurrentHashMap.newKeySet();

	/** Ids the full sender queue refused, offered again as senders free up. */
	private final Queue<String> overflow = new ConcurrentLinkedQueue<>();

	private volatile ThreadPoolExecutor senders;

	private volatile ScheduledThreadPoolExecutor timer;

	private final DispatchContext context;

	public DispatchLoop(EmailDispatcher dispatcher, EmailProperties properties, Clock clock, DispatchContext context) {
		this.dispatcher = dispatcher;
		this.properties = properties;
		this.clock = clock;
		this.context = context;
	}

	@Override
	public void stored(Email email) {
		email.nextCheckAt().ifPresent(at -> {
			Duration wait = Duration.between(clock.instant(), at);
			ScheduledThreadPoolExecutor currentTimer = timer;
			if (!wait.isPositive()) {
				submit(email.id());
			}
			else if (currentTimer != null) {
				// a millisecond late rather than early: due means "not before"
				currentTimer.schedule(() -> submit(email.id()), wait.toMillis() + 1, TimeUnit.MILLISECONDS);
			}
		});
	}

	/**
	 * Looks for e-mails due before the next sweep in the mail log, at most a batch: hands
	 * the overdue ones to the senders and sets a timer for the others.
	 * @return how many it found
	 */
	public int sweep() {
		return sweep(dispatcher.dueBeforeNextSweep());
	}

	private int sweep(List<Email> found) {
		found.forEach(this::stored);
		if (!found.isEmpty()) {
			log.info("Sweep found {} e-mail(s) due before the next sweep", found.size());
		}
		return found.size();
	}

	private void submit(String id) {
		ThreadPoolExecutor current = senders;
		if (current == null || !pending.add(id)) {
			return;
		}
		try {
			current.execute(() -> step(id));
		}
		catch (RejectedExecutionException full) {
			pending.remove(id);
			if (senders == current) {
				// the queue is full: offered again as senders free up, not left to the
				// rare sweep
				overflow.add(id);
			}
		}
	}

	private void step(String id) {
		try {
			pending.remove(id);
			context.around(id, () -> dispatcher.step(id)).ifPresent(this::stored);
		}
		catch (RuntimeException ex) {
			log.warn("E-mail {} could not be dispatched, the sweep retries it: {}", id, ex.toString());
		}
		finally {
			offerOverflow();
		}
	}

	/** Moves refused ids into the sender queue as far as it has room. */
	private void offerOverflow() {
		ThreadPoolExecutor current = senders;
		String next;
		while (current != null && current.getQueue().remainingCapacity() > 0 && (next = overflow.poll()) != null) {
			submit(next);
		}
	}

	private void sweepSafely() {
		sweepSafely(true);
	}

	/**
	 * @param ahead whether to look one interval ahead; a repeat looks for overdue ones
	 * only, which leave the result once sent, so that it ends
	 */
	private void sweepSafely(boolean ahead) {
		try {
			int found = sweep(ahead ? dispatcher.dueBeforeNextSweep() : dispatcher.overdue());
			ScheduledThreadPoolExecutor currentTimer = timer;
			if (found >= properties.dispatch().batchSize() && currentTimer != null) {
				// more may be overdue (a backlog after a restart): look again
				// once these are on their way
				currentTimer.schedule(() -> sweepSafely(false), 1, TimeUnit.SECONDS);
			}
		}
		catch (RuntimeException ex) {
			log.warn("E-mail sweep failed, retrying in {}: {}", properties.dispatch().interval(), ex.toString());
		}
	}

	@Override
	public void start() {
		EmailProperties.Dispatch dispatch = properties.dispatch();
		senders = new ThreadPoolExecutor(dispatch.senders(), dispatch.senders(), 0, TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(dispatch.queueCapacity()), new CustomizableThreadFactory("email-send-"));
		timer = new ScheduledThreadPoolExecutor(1, new CustomizableThreadFactory("email-dispatch-"));
		timer.setRemoveOnCancelPolicy(true);
		timer.scheduleWithFixedDelay(this::sweepSafely, 0, dispatch.interval().toMillis(), TimeUnit.MILLISECONDS);
		log.info("E-mail dispatcher started ({} senders, sweep every {}, retry budget {}, contact wait {})",
				dispatch.senders(), dispatch.interval(), properties.retry().budget(), properties.contactWait());
	}

	/**
	 * Lets sends in flight finish; an interrupted one is resent with the same Message-ID
	 * once its lease lapses, and queued ones are found by the next instance's sweep.
	 */
	@Override
	public void stop() {
		ScheduledThreadPoolExecutor currentTimer = timer;
		ThreadPoolExecutor currentSenders = senders;
		timer = null;
		senders = null;
		if (currentTimer != null) {
			currentTimer.shutdownNow();
		}
		if (currentSenders != null) {
			currentSenders.shutdown();
			currentSenders.getQueue().clear();
			try {
				if (!currentSenders.awaitTermination(10, TimeUnit.SECONDS)) {
					currentSenders.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				currentSenders.shutdownNow();
				Thread.currentThread().interrupt();
			}
		}
		pending.clear();
		overflow.clear();
	}

	@Override
	public boolean isRunning() {
		return senders != null;
	}

}
