package dev.ordersaga.sandbox;

import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * Everything the sandbox provider did, in memory: executed charges and refunds, the
 * stored answer of every idempotency key, and a bounded log of API requests.
 */
@Component
class Ledger {

	/**
	 * The first answer given to an idempotency key, and a fingerprint of the request it
	 * answered.
	 */
	record StoredAnswer(String requestFingerprint, ApiAnswer answer) {
	}

	private final Map<String, Charge> charges = new ConcurrentHashMap<>();

	private final Map<String, Refund> refunds = new ConcurrentHashMap<>();

	private final Map<String, StoredAnswer> answers = new ConcurrentHashMap<>();

	private final Map<String, ReentrantLock> keyLocks = new ConcurrentHashMap<>();

	private final Deque<ApiRequest> requests = new ConcurrentLinkedDeque<>();

	private final int requestLogSize;

	Ledger(SandboxProperties properties) {
		this.requestLogSize = properties.requestLogSize();
	}

	/**
	 * Runs {@code execution} once per idempotency key: requests with the same key wait
	 * for the first one and get its answer, marked as a replay. A key reused with
	 * different parameters is an error, as with real providers.
	 * @param key the client's {@code Idempotency-Key}; without one every request executes
	 * @param fingerprint what identifies the request's parameters (endpoint and body)
	 */
	ApiAnswer idempotent(String key, String fingerprint, Supplier<ApiAnswer> execution) {
		if (key == null || key.isBlank()) {
			return execution.get();
		}
		ReentrantLock lock = keyLocks.computeIfAbsent(key, k -> new ReentrantLock());
		lock.lock();
		try {
			StoredAnswer stored = answers.get(key);
			if (stored != null) {
				if (!stored.requestFingerprint().equals(fingerprint)) {
					return ApiAnswer.error(400, "idempotency_error", "idempotency_key_in_use",
							"Keys for idempotent requests can only be used with the same parameters they were first used with.",
							null);
				}
				return stored.answer().asReplay();
			}
			ApiAnswer answer = execution.get();
			if (answer.storable()) {
				answers.put(key, new StoredAnswer(fingerprint, answer));
			}
			return answer;
		}
		finally {
			lock.unlock();
		}
	}

	void record(Charge charge) {
		charges.put(charge.id(), charge);
	}

	void record(Refund refund) {
		refunds.put(refund.id(), refund);
		charges.computeIfPresent(refund.chargeId(), (id, charge) -> charge.markRefunded());
	}

	Optional<Charge> charge(String id) {
		return Optional.ofNullable(charges.get(id));
	}

	boolean isRefunded(String chargeId) {
		return refunds.values().stream().anyMatch(refund -> refund.chargeId().equals(chargeId));
	}

	/** Executed charges, oldest first, optionally of one order only. */
	List<Charge> charges(String orderId) {
		return charges.values()
			.stream()
			.filter(charge -> orderId == null || orderId.equals(charge.orderId()))
			.sorted(Comparator.comparing(Charge::created).thenComparing(Charge::id))
			.toList();
	}

	/** Charges whose {@code metadata[key]} was {@code value}, for the search API. */
	List<Charge> chargesWithMetadata(String key, String value) {
		return "orderId".equals(key) ? charges(Objects.requireNonNull(value)) : List.of();
	}

	/** Executed refunds, oldest first, optionally of one order only. */
	List<Refund> refunds(String orderId) {
		return refunds.values()
			.stream()
			.filter(refund -> orderId == null || orderId.equals(refund.orderId()))
			.sorted(Comparator.comparing(Refund::created).thenComparing(Refund::id))
			.toList();
	}

	void log(ApiRequest request) {
		requests.addLast(request);
		while (requests.size() > requestLogSize) {
			requests.pollFirst();
		}
	}

	/**
	 * API requests, oldest first, optionally only those about one order or carrying one
	 * idempotency key.
	 */
	List<ApiRequest> requests(String orderId, String idempotencyKey) {
		return requests.stream()
			.filter(request -> orderId == null || orderId.equals(request.orderId()))
			.filter(request -> idempotencyKey == null || idempotencyKey.equals(request.idempotencyKey()))
			.toList();
	}

	void clear() {
		charges.clear();
		refunds.clear();
		answers.clear();
		keyLocks.clear();
		requests.clear();
	}

}
