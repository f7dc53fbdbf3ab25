package dev.ordersaga.devstack.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.devstack.DevTokens;

/**
 * Places orders through the public API and times them with the {@link SagaWatch} and the
 * {@link MailWatch}. A step is open-loop: order {@code i} is due at
 * {@code start + i / rate} whatever happened to earlier ones, and every latency counts
 * from that intended time, so a stalled server cannot hide its stall by slowing the
 * sender (no coordinated omission).
 */
final class SagaLoad {

	private static final Logger log = LoggerFactory.getLogger(SagaLoad.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration IDLE_ORDER_LIMIT = Duration.ofSeconds(30);

	private static final Duration IDLE_GAP = Duration.ofMillis(200);

	/** Enough for every order of a run never to hit the limit. */
	private static final long CREDIT_LIMIT = 1_000_000_000_000L;

	private static final long UNIT_PRICE = 1_000;

	private final LoadOptions options;

	private final LoadTarget target;

	private final HttpClient http;

	private final SagaWatch watch;

	private final MailWatch mail;

	private final List<String> customers = new ArrayList<>();

	private final AtomicInteger nextCustomer = new AtomicInteger();

	/** Every order this run placed, so that a step can wait for the backlog to clear. */
	private final Set<String> placed = ConcurrentHashMap.newKeySet();

	SagaLoad(LoadOptions options, LoadTarget target, HttpClient http, SagaWatch watch, MailWatch mail) {
		this.options = options;
		this.target = target;
		this.http = http;
		this.watch = watch;
		this.mail = mail;
	}

	/** One step's outcome; latencies in milliseconds. */
	record Step(String label, double offeredPerSec, double seconds, int offered, int accepted, int refused, int failed,
			int completed, int cancelled, int unfinished, int bothMails, double achievedSagasPerSec,
			Latencies.Summary post, Latencies.Summary completion, Latencies.Summary mails, boolean sustained) {
	}

	void registerCustomers(int count) {
		for (int i = 0; i < count; i++) {
			HttpResponse<String> response = sendSync(post(target.customerFn() + "/customers", """
					{"name":"Load %d","email":"load-%s@example.com","locale":"en",
					 "creditLimit":{"amount":%d,"currency":"KRW"}}""".formatted(i, UUID.randomUUID(), CREDIT_LIMIT)));
			if (response.statusCode() != 201) {
				throw new IllegalStateException(
						"Registering a customer answered " + response.statusCode() + ": " + response.body());
			}
			customers.add(JSON.readTree(response.body()).get("customerId").asString());
		}
	}

	/**
	 * Offers {@code rate} orders per second for {@code duration}, then waits (bounded)
	 * for them to finish and for their mails, unless {@code awaitOutcome} is false.
	 */
	Step step(String label, double rate, Duration duration, boolean awaitOutcome) {
		int count = (int) Math.max(1, Math.round(rate * duration.toMillis() / 1000.0));
		long period = Math.round(1e9 / rate);
		String[] ids = new String[count];
		long[] intended = new long[count];
		Latencies post = new Latencies();
		AtomicInteger refused = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		Semaphore inFlight = new Semaphore(options.maxInFlight());
		List<CompletableFuture<?>> posts = new ArrayList<>(count);
		log.info("{}: offering {} orders/s for {} s ({} orders)", label, "%.1f".formatted(rate),
				duration.toMillis() / 1000.0, count);
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
		long sendDeadline = start + duration.toNanos() + options.drainLimit().toNanos();
		for (int i = 0; i < count; i++) {
			long due = start + i * period;
			Pause.until(due);
			intended[i] = EpochMicros.ofNanoTime(due);
			if (!acquire(inFlight, sendDeadline)) {
				failed.incrementAndGet();
				continue;
			}
			int index = i;
			posts.add(http.sendAsync(order(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, ex) -> {
				try {
					post.record((System.nanoTime() - due) / 1_000);
					if (ex != null) {
						failed.incrementAndGet();
					}
					else if (response.statusCode() == 201) {
						ids[index] = JSON.readTree(response.body()).get("orderId").asString();
						placed.add(ids[index]);
					}
					else {
						refused.incrementAndGet();
					}
				}
				finally {
					inFlight.release();
				}
			}));
		}
		awaitAll(posts);
		double seconds = (System.nanoTime() - start) / 1e9;
		List<String> accepted = new ArrayList<>();
		for (String id : ids) {
			if (id != null) {
				accepted.add(id);
			}
		}
		if (!awaitOutcome) {
			return new Step(label, rate, seconds, count, accepted.size(), refused.get(), failed.get(), 0, 0,
					accepted.size(), 0, 0, post.summary(), new Latencies().summary(), new Latencies().summary(), false);
		}
		awaitTerminal(accepted, options.drainLimit());
		Latencies completion = new Latencies();
		int cancelled = 0;
		int unfinished = 0;
		long lastCompletion = intended[0];
		List<String> completedIds = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			if (ids[i] == null) {
				continue;
			}
			Long completedAt = watch.completedAt(ids[i]);
			if (completedAt != null) {
				completion.record(completedAt - intended[i]);
				lastCompletion = Math.max(lastCompletion, completedAt);
				completedIds.add(ids[i]);
			}
			else if (watch.isCancelled(ids[i])) {
				cancelled++;
			}
			else {
				unfinished++;
			}
		}
		Map<String, Long> mailed = awaitMails(Set.copyOf(completedIds));
		Latencies mails = new Latencies();
		for (int i = 0; i < count; i++) {
			Long both = ids[i] == null ? null : mailed.get(ids[i]);
			if (both != null) {
				mails.record(both - intended[i]);
			}
		}
		double achieved = completedIds.isEmpty() ? 0
				: completedIds.size() / Math.max(1e-3, (lastCompletion - intended[0]) / 1e6);
		Latencies.Summary completionSummary = completion.summary();
		boolean sustained = refused.get() == 0 && failed.get() == 0 && cancelled == 0 && unfinished == 0
				&& completionSummary.p99Ms() != null
				&& completionSummary.p99Ms() <= options.completionP99Target().toMillis();
		Step step = new Step(label, rate, seconds, count, accepted.size(), refused.get(), failed.get(),
				completedIds.size(), cancelled, unfinished, mailed.size(), achieved, post.summary(), completionSummary,
				mails.summary(), sustained);
		log.info(
				"{}: {} accepted, {} completed ({} sagas/s), {} cancelled, {} unfinished, {} with both mails; "
						+ "POST p99 {} ms, COMPLETED p50 {} / p99 {} ms, mails p99 {} ms → {}",
				label, step.accepted(), step.completed(), "%.1f".formatted(achieved), cancelled, unfinished,
				mailed.size(), step.post().p99(), completionSummary.p50(), completionSummary.p99(), step.mails().p99(),
				sustained ? "sustained" : "NOT sustained");
		return step;
	}

	/**
	 * Single orders on an otherwise idle stack, each placed after the previous one
	 * finished: PENDING → COMPLETED without any queueing, and where that time goes along
	 * the critical path.
	 */
	Idle idle(int samples) {
		Latencies completion = new Latencies();
		Map<String, Latencies> sincePrevious = new LinkedHashMap<>();
		Map<String, Latencies> toPublished = new LinkedHashMap<>();
		SagaWatch.CRITICAL_PATH.forEach(type -> {
			sincePrevious.put(type, new Latencies());
			toPublished.put(type, new Latencies());
		});
		watch.noteSteps(true);
		try {
			for (int i = 0; i < samples; i++) {
				long sent = EpochMicros.now();
				HttpResponse<String> response = sendSync(order());
				if (response.statusCode() != 201) {
					throw new IllegalStateException("An idle order was refused with " + response.statusCode());
				}
				String id = JSON.readTree(response.body()).get("orderId").asString();
				placed.add(id);
				long deadline = System.nanoTime() + IDLE_ORDER_LIMIT.toNanos();
				while (!watch.isTerminal(id) && System.nanoTime() < deadline) {
					Pause.of(Duration.ofMillis(1));
				}
				Long completedAt = watch.completedAt(id);
				if (completedAt != null) {
					completion.record(completedAt - sent);
					Map<String, SagaWatch.StepTimes> steps = watch.steps(id);
					if (steps.keySet().containsAll(SagaWatch.CRITICAL_PATH)) {
						long previous = sent;
						for (String type : SagaWatch.CRITICAL_PATH) {
							SagaWatch.StepTimes step = steps.get(type);
							// causally after the previous one; clamped all the same, as a
							// histogram takes no negative value
							sincePrevious.get(type).record(Math.max(0, step.decided() - previous));
							toPublished.get(type).record(Math.max(0, step.published() - step.decided()));
							previous = step.decided();
						}
					}
				}
				Pause.of(IDLE_GAP);
			}
		}
		finally {
			watch.noteSteps(false);
		}
		Map<String, IdleStep> steps = new LinkedHashMap<>();
		SagaWatch.CRITICAL_PATH.forEach(type -> steps.put(type,
				new IdleStep(sincePrevious.get(type).summary().p50Ms(), toPublished.get(type).summary().p50Ms())));
		return new Idle(completion.summary(), steps);
	}

	/**
	 * Single orders on the idle stack.
	 *
	 * @param completion PENDING → COMPLETED
	 * @param steps per event of the critical path, in order: p50 of the time since the
	 * previous event was decided (for the first: since the POST was sent), and of the
	 * time from its decision to its producer's send
	 */
	record Idle(Latencies.Summary completion, Map<String, IdleStep> steps) {
	}

	/**
	 * @param sincePreviousP50Ms p50 ms from the previous event's decision (the first
	 * event: from sending the POST) to this one's: the hop, the consumer and the
	 * service's own work
	 * @param decidedToPublishedP50Ms p50 ms from this event's decision ({@code ce_time})
	 * to the record's timestamp (its producer's send; millisecond precision)
	 */
	record IdleStep(Double sincePreviousP50Ms, Double decidedToPublishedP50Ms) {
	}

	/** Preloaded finished orders: how many finished and how long it took. */
	record Preload(int placed, int completed, double postSeconds, double seconds) {
	}

	/**
	 * Places {@code count} orders from {@code clients} concurrent clients, each sending
	 * its next order as soon as the previous one was accepted, and waits until all are
	 * finished; bounded by {@link LoadOptions#preloadLimit()}.
	 */
	Preload preload(int count, int clients) {
		long started = System.nanoTime();
		long deadline = started + options.preloadLimit().toNanos();
		Semaphore inFlight = new Semaphore(clients);
		List<String> ids = new ArrayList<>(count);
		List<CompletableFuture<?>> posts = new ArrayList<>();
		long lastProgress = started;
		for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
			if (!acquire(inFlight, deadline)) {
				break;
			}
			posts.add(http.sendAsync(order(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, ex) -> {
				try {
					if (ex == null && response.statusCode() == 201) {
						String id = JSON.readTree(response.body()).get("orderId").asString();
						placed.add(id);
						synchronized (ids) {
							ids.add(id);
						}
					}
				}
				finally {
					inFlight.release();
				}
			}));
			if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(10)) {
				lastProgress = System.nanoTime();
				log.info("Preloading: {} of {} orders placed", i, count);
			}
		}
		awaitAll(posts);
		double postSeconds = (System.nanoTime() - started) / 1e9;
		List<String> all;
		synchronized (ids) {
			all = List.copyOf(ids);
		}
		log.info("Preloading: {} orders placed in {} s, waiting for them to finish", all.size(),
				"%.1f".formatted(postSeconds));
		awaitTerminal(all, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
		int completed = (int) all.stream().filter(id -> watch.completedAt(id) != null).count();
		return new Preload(all.size(), completed, postSeconds, (System.nanoTime() - started) / 1e9);
	}

	/** Waits (bounded) until every order this run placed so far is finished. */
	int awaitBacklog(Duration limit) {
		return awaitTerminal(List.copyOf(placed), limit);
	}

	/**
	 * @return how many of {@code orderIds} are still not finished
	 */
	private int awaitTerminal(Collection<String> orderIds, Duration limit) {
		List<String> open = new ArrayList<>(orderIds);
		long deadline = System.nanoTime() + limit.toNanos();
		long lastProgress = System.nanoTime();
		while (true) {
			open.removeIf(watch::isTerminal);
			if (open.isEmpty() || System.nanoTime() > deadline) {
				return open.size();
			}
			if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(10)) {
				lastProgress = System.nanoTime();
				log.info("Waiting for {} orders to finish", open.size());
			}
			Pause.of(Duration.ofMillis(100));
		}
	}

	private Map<String, Long> awaitMails(Set<String> completed) {
		long deadline = System.nanoTime() + options.mailWait().toNanos();
		while (true) {
			Map<String, Long> both = mail.bothMailsReceived(completed);
			if (both.size() == completed.size() || System.nanoTime() > deadline) {
				return both;
			}
			Pause.of(Duration.ofMillis(500));
		}
	}

	/** Switches the provider's outage on or off (payment-sandbox's controls). */
	void paymentOutage(boolean on) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(target.sandbox() + "/sandbox/outage"))
			.timeout(REQUEST_TIMEOUT)
			.method(on ? "POST" : "DELETE", HttpRequest.BodyPublishers.noBody())
			.build();
		int status = sendSync(request).statusCode();
		if (status >= 300) {
			throw new IllegalStateException(
					"Switching the payment outage " + (on ? "on" : "off") + " answered " + status);
		}
	}

	private HttpRequest order() {
		String customer = customers.get(Math.floorMod(nextCustomer.getAndIncrement(), customers.size()));
		return post(target.orderFn() + "/orders", """
				{"customerId":"%s","paymentMethod":"tok_visa",
				 "lines":[{"sku":"LOAD-1","quantity":1,"unitPrice":{"amount":%d,"currency":"KRW"}}]}"""
			.formatted(customer, UNIT_PRICE));
	}

	private static HttpRequest post(String url, String json) {
		return DevTokens.withOperator(HttpRequest.newBuilder(URI.create(url))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private HttpResponse<String> sendSync(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean acquire(Semaphore semaphore, long deadline) {
		try {
			return semaphore.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Requests time out on their own ({@link #REQUEST_TIMEOUT}), so this is bounded. */
	private static void awaitAll(List<CompletableFuture<?>> futures) {
		try {
			CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
				.exceptionally(ex -> null)
				.get(REQUEST_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			log.warn("Some requests did not finish: {}", ex.toString());
		}
	}

}
