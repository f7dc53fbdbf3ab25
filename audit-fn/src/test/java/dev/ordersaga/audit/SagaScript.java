package dev.ordersaga.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.ordersaga.support.events.EventIds;

/**
 * Writes the events of one order as the services would publish them: deterministic ids
 * ({@code EventIds.of(orderId, type)}, e-mails per kind), each service's
 * {@code ce_source}, one W3C trace per order, 100 ms between steps. Normal stories come
 * ready-made; a test breaks a rule by adding or leaving out a step.
 */
final class SagaScript {

	static final Duration STEP = Duration.ofMillis(100);

	/**
	 * One record to publish.
	 *
	 * @param body JSON body fields; money as {@code Map} with amount and currency
	 */
	record Step(String topic, String type, String id, String source, Instant time, Map<String, Object> body,
			String traceparent) {
	}

	final String orderId = UUID.randomUUID().toString();

	final String customerId = UUID.randomUUID().toString();

	final String traceId = HexFormat.of().formatHex(randomBytes(16));

	private final List<Step> steps = new ArrayList<>();

	private Instant clock;

	private String nextId;

	private SagaScript(Instant start) {
		this.clock = start;
	}

	static SagaScript order(Instant start) {
		return new SagaScript(start);
	}

	/** Placed, credit reserved, approved, charged, completed, both e-mails. */
	static SagaScript completed(Instant start) {
		return order(start).created()
			.reserved()
			.approved()
			.processed()
			.email("PAYMENT_COMPLETED")
			.completed()
			.email("ORDER_COMPLETED");
	}

	/** Refused by the credit check. */
	static SagaScript creditRefused(Instant start) {
		return order(start).created()
			.step("customer-events", "credit.limit-exceeded.v1", "/customer-fn", Map.of())
			.cancelled("CREDIT_LIMIT_EXCEEDED")
			.email("ORDER_CANCELLED");
	}

	static SagaScript unknownCustomer(Instant start) {
		return order(start).created()
			.step("customer-events", "customer.not-found.v1", "/customer-fn", Map.of())
			.cancelled("UNKNOWN_CUSTOMER")
			.email("ORDER_CANCELLED");
	}

	/** Declined card: cancelled after the reservation, which is released. */
	static SagaScript paymentDeclined(Instant start) {
		return order(start).created()
			.reserved()
			.approved()
			.step("payment-events", "payment.failed.v1", "/payment-fn", Map.of("reason", "DECLINED"))
			.cancelled("PAYMENT_DECLINED")
			.released()
			.email("ORDER_CANCELLED");
	}

	/** Customer cancels while payment is pending. */
	static SagaScript customerCancel(Instant start) {
		return order(start).created()
			.reserved()
			.approved()
			.cancelled("CUSTOMER_REQUEST")
			.released()
			.email("ORDER_CANCELLED");
	}

	/** Timed out, then a late charge arrives: refunded, credit released. */
	static SagaScript lateChargeRefunded(Instant start) {
		return order(start).created()
			.reserved()
			.approved()
			.cancelled("TIMEOUT")
			.released()
			.processed()
			.email("ORDER_CANCELLED")
			.email("PAYMENT_COMPLETED")
			.refunded()
			.email("PAYMENT_REFUNDED");
	}

	SagaScript created() {
		return step("order-events", "order.created.v1", "/order-fn", Map
			.of("customerId", customerId, "total", money(), "createdAt", clock.toString(), "lines", List
				.of(Map.of("sku", "BOOK-1", "quantity", 2, "unitPrice", Map.of("amount", 15000, "currency", "KRW")))));
	}

	SagaScript reserved() {
		return step("customer-events", "credit.reserved.v1", "/customer-fn",
				Map.of("customerId", customerId, "amount", money()));
	}

	SagaScript approved() {
		return approved(firstTime().plus(Duration.ofMinutes(15)));
	}

	SagaScript approved(Instant payBy) {
		return step("order-events", "order.approved.v1", "/order-fn", Map.of("customerId", customerId, "total", money(),
				"paymentMethod", "tok_visa", "payBy", payBy.toString(), "approvedAt", clock.toString()));
	}

	SagaScript processed() {
		return step("payment-events", "payment.processed.v1", "/payment-fn",
				Map.of("paymentId", "pay-" + orderId, "amount", money(), "providerReference", "ch_1"));
	}

	SagaScript completed() {
		return step("order-events", "order.completed.v1", "/order-fn",
				Map.of("customerId", customerId, "total", money(), "paymentId", "pay-" + orderId));
	}

	SagaScript cancelled(String reason) {
		return step("order-events", "order.cancelled.v1", "/order-fn",
				Map.of("customerId", customerId, "total", money(), "reason", reason));
	}

	SagaScript released() {
		return step("customer-events", "credit.released.v1", "/customer-fn",
				Map.of("customerId", customerId, "amount", money()));
	}

	SagaScript refunded() {
		return step("payment-events", "payment.refunded.v1", "/payment-fn",
				Map.of("paymentId", "pay-" + orderId, "amount", money()));
	}

	SagaScript email(String kind) {
		nextId = nextId != null ? nextId : EventIds.of(orderId + "/" + kind, "email.sent.v1");
		return step("email-events", "email.sent.v1", "/email-fn",
				Map.of("kind", kind, "messageId", "<" + kind + "." + orderId + "@order-saga>"));
	}

	/** The next step gets this {@code ce_id} (a second, different event of a type). */
	SagaScript withId(String id) {
		this.nextId = id;
		return this;
	}

	/** The next step happens at this time. */
	SagaScript at(Instant time) {
		this.clock = time;
		return this;
	}

	SagaScript step(String topic, String type, String source, Map<String, Object> fields) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("orderId", orderId);
		body.putAll(fields);
		String id = nextId != null ? nextId : EventIds.of(orderId, type);
		String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
		steps.add(new Step(topic, type, id, source, clock, body, traceparent));
		nextId = null;
		clock = clock.plus(STEP);
		return this;
	}

	List<Step> steps() {
		return List.copyOf(steps);
	}

	Step step(String type) {
		return steps.stream().filter(step -> step.type().equals(type)).findFirst().orElseThrow();
	}

	List<String> ids(String type) {
		return steps.stream().filter(step -> step.type().equals(type)).map(Step::id).toList();
	}

	/**
	 * The steps as audit-fn stores them, each read at its own time, at increasing offsets
	 * per topic (for the plain unit tests of the rules).
	 */
	List<SagaEvent> events() {
		Map<String, Long> offsets = new HashMap<>();
		return steps.stream().map(step -> {
			Map<String, String> facts = new LinkedHashMap<>();
			step.body().forEach((name, value) -> {
				if (value instanceof Map<?, ?> money) {
					facts.put(name, money.get("amount") + " " + money.get("currency"));
				}
				else if (!(value instanceof List<?>) && !"orderId".equals(name)) {
					facts.put(name, String.valueOf(value));
				}
			});
			long offset = offsets.merge(step.topic(), 1L, Long::sum);
			return new SagaEvent(step.id(), orderId, step.type(), step.source(), step.time(),
					new Position(step.topic(), 0, offset), TraceContext.parse(step.traceparent()).orElseThrow(),
					step.time(), facts, 1);
		}).toList();
	}

	Instant lastTime() {
		return steps.getLast().time();
	}

	private Instant firstTime() {
		return steps.isEmpty() ? clock : steps.getFirst().time();
	}

	private static Map<String, Object> money() {
		return Map.of("amount", 30000, "currency", "KRW");
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		ThreadLocalRandom.current().nextBytes(bytes);
		bytes[0] |= 1;
		return bytes;
	}

}
