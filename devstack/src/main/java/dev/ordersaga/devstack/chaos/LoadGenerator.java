package dev.ordersaga.devstack.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.devstack.SagaService;

/**
 * An open-loop load: orders are sent at a fixed rate whatever the system's state, from
 * many customers, with a mix of test tokens, some over their customer's credit, some
 * cancelled by the customer, some sent twice with the same {@code Idempotency-Key}. A
 * request that fails to get an answer is retried with its key a few times; only a 201 is
 * an accepted order.
 */
final class LoadGenerator {

	private static final Logger log = LoggerFactory.getLogger(LoadGenerator.class);

	/**
	 * Requests waiting for their answer at most (virtual threads): enough to ride out a
	 * service restart of half a minute at the CI rate without dropping arrivals.
	 */
	private static final int MAX_IN_FLIGHT = 512;

	/**
	 * How long a client keeps retrying one order (same Idempotency-Key) while order-fn
	 * does not answer: longer than a restart takes on a loaded 2-core machine (25–60 s
	 * measured), so that a crash of order-fn delays orders instead of dropping them.
	 */
	private static final Duration ORDER_RETRY_LIMIT = Duration.ofMinutes(2);

	/** Longest pause between two tries of one order. */
	private static final long MAX_PAUSE_SECONDS = 3;

	private static final Duration REGISTRATION_LIMIT = Duration.ofMinutes(2);

	/** One POST /orders body with its key, kept to send it again. */
	record Request(String idempotencyKey, String body, String orderId) {
	}

	private final Map<SagaService, String> urls;

	private final Random random;

	private final Http http = new Http();

	private final Map<String, Long> creditLimits = new LinkedHashMap<>();

	private final List<String> customers = new ArrayList<>();

	private final List<AcceptedOrder> accepted = new CopyOnWriteArrayList<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Boolean> acceptedIds = new ConcurrentHashMap<>();

	private final AtomicLong refused = new AtomicLong();

	/**
	 * Why orders were not placed: {@code windowFull}, {@code noAnswer},
	 * {@code status<code>}.
	 */
	private final Map<String, AtomicLong> notPlaced = new ConcurrentHashMap<>();

	private final AtomicLong cancels = new AtomicLong();

	private final AtomicLong duplicates = new AtomicLong();

	private final AtomicLong idempotencyBroken = new AtomicLong();

	LoadGenerator(Map<SagaService, String> urls, Random random) {
		this.urls = urls;
		this.random = random;
	}

	/**
	 * Registers {@code count} customers with limits between 50 000 and 200 000 KRW, so
	 * that concurrent orders of one customer (up to 40 000 KRW each) exceed some.
	 */
	void registerCustomers(int count) {
		long deadline = System.nanoTime() + REGISTRATION_LIMIT.toNanos();
		for (int i = 0; i < count; i++) {
			long limit = 50_000 + 10_000L * random.nextInt(16);
			String body = """
					{"name":"Chaos %d","email":"chaos-%s@example.com","locale":"en",
					 "creditLimit":{"amount":%d,"currency":"KRW"}}""".formatted(i, UUID.randomUUID(), limit);
			Http.Answer answer;
			do {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Customers not registered within " + REGISTRATION_LIMIT);
				}
				answer = http.send("POST", urls.get(SagaService.CUSTOMER_FN) + "/customers", body);
			}
			while (answer.status() != 201);
			String id = answer.body().path("customerId").asString();
			customers.add(id);
			creditLimits.put(id, limit);
		}
	}

	/**
	 * Sends {@code orders} orders at {@code perSecond} orders per second; returns when
	 * every request got its final answer (bounded by the request timeouts and retries).
	 */
	void run(int orders, double perSecond) {
		long interval = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
		Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
		long next = System.nanoTime();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < orders; i++) {
				LockSupport.parkNanos(next - System.nanoTime());
				next += interval;
				Order order = nextOrder();
				// open loop: a slow system does not slow the arrivals down, it only
				// fills the
				// in-flight window, beyond which an order is dropped as not placed
				if (!inFlight.tryAcquire()) {
					notPlaced("windowFull");
					continue;
				}
				clients.submit(() -> {
					try {
						place(order);
					}
					finally {
						inFlight.release();
					}
				});
				if ((i + 1) % 500 == 0) {
					log.info("Load: {} of {} orders sent, {} accepted", i + 1, orders, accepted.size());
				}
			}
		}
		log.info("Load done: {} accepted, {} not placed {}, {} customer cancels, {} duplicate requests",
				accepted.size(), refused.get(), notPlaced, cancels.get(), duplicates.get());
	}

	private record Order(String customerId, long amount, String token, boolean cancel, boolean duplicate,
			long cancelDelayMillis) {
	}

	private synchronized Order nextOrder() {
		String customer = customers.get(random.nextInt(customers.size()));
		long amount = 1_000L * (1 + random.nextInt(40));
		int roll = random.nextInt(100);
		String token = roll < 80 ? "tok_visa" : roll < 90 ? "tok_declined" : "tok_error";
		return new Order(customer, amount, token, random.nextInt(100) < 5, random.nextInt(100) < 3,
				random.nextInt(3_000));
	}

	private void place(Order order) {
		String key = UUID.randomUUID().toString();
		String body = """
				{"customerId":"%s","paymentMethod":"%s",
				 "lines":[{"sku":"CHAOS-1","quantity":1,"unitPrice":{"amount":%d,"currency":"KRW"}}]}"""
			.formatted(order.customerId(), order.token(), order.amount());
		String orderId = post(key, body, true);
		if (orderId == null) {
			return;
		}
		accept(new AcceptedOrder(orderId, order.customerId(), order.amount(), order.token()));
		requests.add(new Request(key, body, orderId));
		if (order.duplicate()) {
			resend(new Request(key, body, orderId));
		}
		if (order.cancel()) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(order.cancelDelayMillis()));
			cancel(orderId);
		}
	}

	/**
	 * The order id of a 201, or {@code null} after a 4xx or once
	 * {@link #ORDER_RETRY_LIMIT} is spent (counted by reason when {@code count}).
	 */
	private String post(String key, String body, boolean count) {
		int last = 0;
		long deadline = System.nanoTime() + ORDER_RETRY_LIMIT.toNanos();
		for (int attempt = 1; System.nanoTime() < deadline; attempt++) {
			Http.Answer answer = http.send("POST", urls.get(SagaService.ORDER_FN) + "/orders", body, "Idempotency-Key",
					key);
			last = answer.status();
			if (answer.status() == 201) {
				return answer.body().path("orderId").asString();
			}
			if (answer.status() >= 400 && answer.status() < 500) {
				log.warn("POST /orders answered {}: {}", answer.status(), answer.body());
				break;
			}
			LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(Math.min(attempt, MAX_PAUSE_SECONDS)));
		}
		if (count) {
			notPlaced(last == 0 ? "noAnswer" : "status" + last);
		}
		return null;
	}

	private void notPlaced(String reason) {
		refused.incrementAndGet();
		notPlaced.computeIfAbsent(reason, name -> new AtomicLong()).incrementAndGet();
	}

	/** Orders not placed, by reason. */
	Map<String, Long> notPlaced() {
		Map<String, Long> counts = new java.util.TreeMap<>();
		notPlaced.forEach((reason, count) -> counts.put(reason, count.get()));
		return counts;
	}

	private void cancel(String orderId) {
		for (int attempt = 1; attempt <= 3; attempt++) {
			Http.Answer answer = http.send("POST", urls.get(SagaService.ORDER_FN) + "/orders/" + orderId + "/cancel",
					null);
			if (answer.status() != 0 && answer.status() < 500) {
				cancels.incrementAndGet();
				return;
			}
			LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(attempt));
		}
	}

	private void resend(Request request) {
		duplicates.incrementAndGet();
		String again = post(request.idempotencyKey(), request.body(), false);
		if (again != null && !again.equals(request.orderId())) {
			// the API broke its promise; the second order is real now and must be
			// checked like any other
			idempotencyBroken.incrementAndGet();
			log.warn("Idempotency-Key {} answered order {} after {}", request.idempotencyKey(), again,
					request.orderId());
			accept(new AcceptedOrder(again, null, 0, null));
		}
	}

	/** Sends up to {@code count} earlier requests again, with their keys. */
	void repeatEarlierRequests(int count) {
		List<Request> earlier = new ArrayList<>(requests);
		Collections.shuffle(earlier, new Random(random.nextLong()));
		earlier.stream().limit(count).forEach(this::resend);
	}

	private void accept(AcceptedOrder order) {
		if (acceptedIds.putIfAbsent(order.orderId(), Boolean.TRUE) == null) {
			accepted.add(order);
		}
	}

	List<AcceptedOrder> accepted() {
		return List.copyOf(accepted);
	}

	Map<String, Long> creditLimits() {
		return Map.copyOf(creditLimits);
	}

	long idempotencyBroken() {
		return idempotencyBroken.get();
	}

	long customerCancels() {
		return cancels.get();
	}

	long duplicateRequests() {
		return duplicates.get();
	}

}
