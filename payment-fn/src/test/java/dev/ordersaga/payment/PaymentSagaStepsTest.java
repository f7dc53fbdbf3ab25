package dev.ordersaga.payment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.ordersaga.support.events.EventIds;
import dev.ordersaga.support.money.Money;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The payment steps of the saga, driven by order events on the real broker against the
 * sandbox provider.
 */
class PaymentSagaStepsTest extends PaymentFnTestBase {

	static final String PROCESSED = "payment.processed.v1";

	static final String FAILED = "payment.failed.v1";

	static final String REFUNDED = "payment.refunded.v1";

	@Autowired
	Payments payments;

	PaymentStatus status(String orderId) {
		return payments.findById(OrderId.of(orderId)).map(Payment::status).orElse(null);
	}

	@Test
	void chargesAnApprovedOrderOnceAndAnnouncesPaymentProcessed() {
		String orderId = newOrderId();

		approve(orderId, "tok_visa");

		ConsumerRecord<String, byte[]> processed = awaitPaymentEvent(orderId, PROCESSED);
		String chargeId = SandboxAccess.charges(orderId).getFirst().get("id").asString();
		assertThat(SandboxAccess.charges(orderId)).hasSize(1);
		assertThat(header(processed, "ce_id")).isEqualTo(EventIds.of(orderId, PROCESSED));
		assertThat(header(processed, "ce_source")).isEqualTo("/payment-fn");
		assertThat(header(processed, "ce_subject")).isEqualTo(orderId);
		assertThat(body(processed)).contains("\"orderId\":\"" + orderId + "\"")
			.contains("\"customerId\":\"" + customerOf(orderId) + "\"")
			.contains("\"paymentId\":\"" + PaymentId.forOrder(OrderId.of(orderId)) + "\"")
			.contains("\"amount\":{\"amount\":30000,\"currency\":\"KRW\"}")
			.contains("\"providerReference\":\"" + chargeId + "\"")
			.contains("\"processedAt\":\"" + header(processed, "ce_time") + "\"");
		assertThat(status(orderId)).isEqualTo(PaymentStatus.CHARGED);
		assertThat(SandboxAccess.requests(orderId)).singleElement()
			.satisfies(request -> assertThat(request.get("idempotencyKey").asString()).isEqualTo(orderId));
	}

	@Test
	void callsTheProviderWithinTheTraceOfTheApproval() {
		String orderId = newOrderId();
		String traceId = UUID.randomUUID().toString().replace("-", "");

		publish("order-events", orderId,
				Map.of("ce_id", EventIds.of(orderId, ORDER_APPROVED), "ce_type", ORDER_APPROVED, "ce_specversion",
						"1.0", "ce_source", "/order-fn", "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"),
				"""
						{"orderId":"%s","customerId":"%s","total":{"amount":30000,"currency":"KRW"},"paymentMethod":"tok_visa",
						 "payBy":"%s"}"""
					.formatted(orderId, customerOf(orderId), Instant.now().plus(Duration.ofMinutes(5)))
					.getBytes(StandardCharsets.UTF_8));

		ConsumerRecord<String, byte[]> processed = awaitPaymentEvent(orderId, PROCESSED);
		assertThat(SandboxAccess.requests(orderId)).singleElement()
			.satisfies(request -> assertThat(request.get("traceparent").asString()).contains(traceId));
		assertThat(header(processed, "traceparent")).contains(traceId);
	}

	@Test
	void redeliveredApprovalReannouncesTheSamePaymentWithoutChargingAgain() {
		String orderId = newOrderId();
		approve(orderId, "tok_visa");
		ConsumerRecord<String, byte[]> first = awaitPaymentEvent(orderId, PROCESSED);

		approve(orderId, "tok_visa");

		await().until(() -> paymentEvents(orderId, PROCESSED).size() == 2);
		ConsumerRecord<String, byte[]> again = paymentEvents(orderId, PROCESSED).get(1);
		assertThat(header(again, "ce_id")).isEqualTo(header(first, "ce_id"));
		assertThat(header(again, "ce_time")).isEqualTo(header(first, "ce_time"));
		assertThat(body(again)).isEqualTo(body(first));
		assertThat(SandboxAccess.charges(orderId)).hasSize(1);
		assertThat(SandboxAccess.requests(orderId)).hasSize(1);
	}

	@Test
	void declinedCardFailsThePaymentAsDeclinedWithoutTakingMoney() {
		String orderId = newOrderId();

		approve(orderId, "tok_declined");

		ConsumerRecord<String, byte[]> failed = awaitPaymentEvent(orderId, FAILED);
		assertThat(body(failed)).contains("\"reason\":\"DECLINED\"").contains("card_declined");
		assertThat(header(failed, "ce_id")).isEqualTo(EventIds.of(orderId, FAILED));
		assertThat(SandboxAccess.succeededCharges(orderId)).isEmpty();
		assertThat(paymentEvents(orderId, PROCESSED)).isEmpty();
		assertThat(status(orderId)).isEqualTo(PaymentStatus.FAILED);
	}

	@Test
	void unknownTokenIsDeclinedWithTheProvidersReason() {
		String orderId = newOrderId();

		approve(orderId, "tok_unheard_of");

		ConsumerRecord<String, byte[]> failed = awaitPaymentEvent(orderId, FAILED);
		assertThat(body(failed)).contains("\"reason\":\"DECLINED\"").contains("invalid_token");
		assertThat(SandboxAccess.charges(orderId)).isEmpty();
	}

	@Test
	void malformedProviderResponseFailsThePaymentWithReasonError() {
		String orderId = newOrderId();

		approve(orderId, "tok_malformed");

		ConsumerRecord<String, byte[]> failed = awaitPaymentEvent(orderId, FAILED);
		assertThat(body(failed)).contains("\"reason\":\"ERROR\"").contains("malformed provider response");
		assertThat(records("order-events.dlq")).noneMatch(r -> orderId.equals(r.key()));
	}

	@Test
	void providerServerErrorFailsThePaymentWithReasonErrorAfterRetries() {
		String orderId = newOrderId();

		approve(orderId, "tok_error");

		ConsumerRecord<String, byte[]> failed = awaitPaymentEvent(orderId, FAILED);
		assertThat(body(failed)).contains("\"reason\":\"ERROR\"").contains("api_error");
		assertThat(SandboxAccess.requests(orderId)).filteredOn(r -> "POST".equals(r.get("method").asString()))
			.hasSize(3);
		assertThat(SandboxAccess.requests(orderId)).as("the provider was asked whether it charged before deciding")
			.anySatisfy(r -> assertThat(r.get("path").asString()).isEqualTo("/v1/charges/search"));
		assertThat(SandboxAccess.charges(orderId)).isEmpty();
	}

	@Test
	void chargeThatTookTheMoneyButAnsweredAServerErrorCompletesThePayment() {
		String orderId = newOrderId();

		approve(orderId, "tok_error_after_charge");

		ConsumerRecord<String, byte[]> processed = awaitPaymentEvent(orderId, PROCESSED);
		String chargeId = SandboxAccess.charges(orderId).getFirst().get("id").asString();
		assertThat(body(processed)).contains("\"providerReference\":\"" + chargeId + "\"");
		assertThat(SandboxAccess.charges(orderId)).hasSize(1);
		assertThat(paymentEvents(orderId, FAILED)).isEmpty();
		assertThat(status(orderId)).isEqualTo(PaymentStatus.CHARGED);
	}

	@Test
	void chargeThatLandsAfterThePaymentWasDecidedWithoutOneIsRefunded() {
		String voided = newOrderId();
		String expired = newOrderId();
		storeOpenIntent(voided, Instant.now().plus(Duration.ofMinutes(15)));
		storeOpenIntent(expired, Instant.now().minus(Duration.ofSeconds(5)));
		cancel(voided, "TIMEOUT");
		approve(expired, "tok_visa", 30_000, Instant.now().minus(Duration.ofSeconds(5)));
		await().until(() -> status(voided) == PaymentStatus.VOIDED && status(expired) == PaymentStatus.FAILED);

		// the attempts the time limit abandoned land now, after the provider's search
		// showed nothing
		SandboxAccess.chargeDirectly(voided, 30_000, "KRW");
		SandboxAccess.chargeDirectly(expired, 30_000, "KRW");

		await().atMost(Duration.ofSeconds(30))
			.until(() -> SandboxAccess.refunds(voided).size() == 1 && SandboxAccess.refunds(expired).size() == 1);
		assertThat(status(voided)).isEqualTo(PaymentStatus.VOIDED);
		assertThat(status(expired)).isEqualTo(PaymentStatus.FAILED);
		assertThat(payments.findById(OrderId.of(voided)).orElseThrow().strayCharges()).singleElement()
			.satisfies(stray -> assertThat(stray.refundReference())
				.isEqualTo(SandboxAccess.refunds(voided).getFirst().get("id").asString()));
		assertThat(paymentEvents(voided)).isEmpty();
		assertThat(paymentEvents(expired, PROCESSED)).isEmpty();
	}

	@Test
	void approvalAfterPayByFailsAsExpiredWithoutAskingTheProvider() {
		String orderId = newOrderId();

		approve(orderId, "tok_visa", 30_000, Instant.now().minus(Duration.ofSeconds(1)));

		ConsumerRecord<String, byte[]> failed = awaitPaymentEvent(orderId, FAILED);
		assertThat(body(failed)).contains("\"reason\":\"EXPIRED\"");
		assertThat(SandboxAccess.requests(orderId)).isEmpty();
		assertThat(SandboxAccess.charges(orderId)).isEmpty();
	}

	@Test
	void orderCancelledBeforeApprovalIsNeverCharged() {
		String orderId = newOrderId();
		cancel(orderId, "CUSTOMER_REQUEST");
		await().until(() -> status(orderId) == PaymentStatus.VOIDED);

		approve(orderId, "tok_visa");
		String marker = newOrderId();
		approveOnSamePartitionAfter(orderId, marker);

		assertThat(SandboxAccess.requests(orderId)).isEmpty();
		assertThat(paymentEvents(orderId)).isEmpty();
		assertThat(status(orderId)).isEqualTo(PaymentStatus.VOIDED);
	}

	@Test
	void lateCancellationOfAChargedOrderRefundsItExactlyOnce() {
		String orderId = newOrderId();
		approve(orderId, "tok_visa");
		awaitPaymentEvent(orderId, PROCESSED);

		cancel(orderId, "TIMEOUT");
		ConsumerRecord<String, byte[]> refunded = awaitPaymentEvent(orderId, REFUNDED);
		cancel(orderId, "TIMEOUT");

		await().until(() -> paymentEvents(orderId, REFUNDED).size() == 2);
		List<ConsumerRecord<String, byte[]>> announcements = paymentEvents(orderId, REFUNDED);
		assertThat(announcements).extracting(r -> header(r, "ce_id")).containsOnly(EventIds.of(orderId, REFUNDED));
		assertThat(body(announcements.get(1))).isEqualTo(body(refunded));
		String refundId = SandboxAccess.refunds(orderId).getFirst().get("id").asString();
		assertThat(SandboxAccess.refunds(orderId)).hasSize(1);
		assertThat(body(refunded)).contains("\"refundReference\":\"" + refundId + "\"")
			.contains("\"amount\":{\"amount\":30000,\"currency\":\"KRW\"}");
		assertThat(status(orderId)).isEqualTo(PaymentStatus.REFUNDED);
	}

	@Test
	void redeliveringEveryEventOfACompletedSagaChangesNothing() {
		String orderId = newOrderId();
		approve(orderId, "tok_visa");
		awaitPaymentEvent(orderId, PROCESSED);
		publishEvent("order.created.v1", EventIds.of(orderId, "order.created.v1"), orderId,
				"{\"orderId\":\"" + orderId + "\"}");
		publishEvent("order.completed.v1", EventIds.of(orderId, "order.completed.v1"), orderId,
				"{\"orderId\":\"" + orderId + "\"}");

		approve(orderId, "tok_visa");
		publishEvent("order.completed.v1", EventIds.of(orderId, "order.completed.v1"), orderId,
				"{\"orderId\":\"" + orderId + "\"}");

		await().until(() -> paymentEvents(orderId, PROCESSED).size() == 2);
		assertThat(paymentEvents(orderId)).extracting(r -> header(r, "ce_id"))
			.containsOnly(EventIds.of(orderId, PROCESSED));
		assertThat(SandboxAccess.charges(orderId)).hasSize(1);
		assertThat(status(orderId)).isEqualTo(PaymentStatus.CHARGED);
	}

	@Test
	void cancellationAfterAFailedPaymentRefundsNothing() {
		String orderId = newOrderId();
		approve(orderId, "tok_declined");
		awaitPaymentEvent(orderId, FAILED);

		cancel(orderId, "PAYMENT_DECLINED");
		approveOnSamePartitionAfter(orderId, newOrderId());

		assertThat(SandboxAccess.refunds(orderId)).isEmpty();
		assertThat(paymentEvents(orderId, REFUNDED)).isEmpty();
		assertThat(status(orderId)).isEqualTo(PaymentStatus.FAILED);
	}

	@Test
	void chargeAttemptInterruptedByACrashIsSettledWithTheFirstChargeOnRedelivery() {
		String orderId = newOrderId();
		Instant payBy = Instant.now().plus(Duration.ofMinutes(15));
		storeOpenIntent(orderId, payBy);
		String chargeId = SandboxAccess.chargeDirectly(orderId, 30_000, "KRW");

		approve(orderId, "tok_visa", 30_000, payBy);

		ConsumerRecord<String, byte[]> processed = awaitPaymentEvent(orderId, PROCESSED);
		assertThat(body(processed)).contains("\"providerReference\":\"" + chargeId + "\"");
		assertThat(SandboxAccess.charges(orderId)).hasSize(1);
		assertThat(SandboxAccess.requests(orderId)).extracting(r -> r.get("outcome").asString())
			.containsExactly("executed", "replayed");
	}

	@Test
	void openIntentPastPayByIsSettledByAskingTheProviderNeverByCharging() {
		String charged = newOrderId();
		String neverCharged = newOrderId();
		Instant past = Instant.now().minus(Duration.ofSeconds(5));
		storeOpenIntent(charged, past);
		storeOpenIntent(neverCharged, past);
		String chargeId = SandboxAccess.chargeDirectly(charged, 30_000, "KRW");

		approve(charged, "tok_visa", 30_000, past);
		approve(neverCharged, "tok_visa", 30_000, past);

		assertThat(body(awaitPaymentEvent(charged, PROCESSED))).contains(chargeId);
		assertThat(body(awaitPaymentEvent(neverCharged, FAILED))).contains("\"reason\":\"EXPIRED\"");
		assertThat(SandboxAccess.charges(charged)).hasSize(1);
		assertThat(SandboxAccess.charges(neverCharged)).isEmpty();
		assertThat(SandboxAccess.requests(neverCharged)).extracting(r -> r.get("path").asString())
			.containsOnly("/v1/charges/search");
	}

	@Test
	void cancellationWithAnOpenIntentRefundsWhatTheProviderChargedOrVoidsTheRest() {
		String charged = newOrderId();
		String neverCharged = newOrderId();
		Instant payBy = Instant.now().plus(Duration.ofMinutes(15));
		storeOpenIntent(charged, payBy);
		storeOpenIntent(neverCharged, payBy);
		SandboxAccess.chargeDirectly(charged, 30_000, "KRW");

		cancel(charged, "TIMEOUT");
		cancel(neverCharged, "TIMEOUT");

		awaitPaymentEvent(charged, REFUNDED);
		await().until(() -> status(neverCharged) == PaymentStatus.VOIDED);
		assertThat(SandboxAccess.refunds(charged)).hasSize(1);
		approve(neverCharged, "tok_visa", 30_000, payBy);
		approveOnSamePartitionAfter(neverCharged, newOrderId());
		assertThat(SandboxAccess.charges(neverCharged)).isEmpty();
	}

	@Test
	void sendsPoisonRecordsToTheDeadLetterTopicAndKeepsPaying() {
		String orderId = newOrderId();

		publish("order-events", orderId, Map.of("ce_type", ORDER_APPROVED, "ce_id", "poison-" + orderId),
				"not json at all".getBytes());
		publishEvent(ORDER_APPROVED, "shape-" + orderId, orderId, "{\"orderId\":\"" + orderId + "\"}");
		approve(orderId, "tok_visa");

		awaitPaymentEvent(orderId, PROCESSED);
		ConsumerRecord<String, byte[]> notJson = awaitRecord("order-events.dlq",
				r -> orderId.equals(r.key()) && "not json at all".equals(body(r)));
		ConsumerRecord<String, byte[]> wrongShape = awaitRecord("order-events.dlq",
				r -> orderId.equals(r.key()) && body(r).contains("\"orderId\""));
		assertThat(header(notJson, "x-exception-message")).contains("Unreadable order.approved.v1");
		assertThat(header(notJson, "x-exception-fqcn"))
			.isEqualTo("dev.ordersaga.support.events.PoisonMessageException");
		assertThat(header(notJson, "x-original-topic")).isEqualTo("order-events");
		assertThat(header(notJson, "x-original-consumer-group")).isEqualTo("payment-fn");
		assertThat(header(notJson, "ce_id")).isEqualTo("poison-" + orderId);
		assertThat(header(wrongShape, "x-exception-message")).contains("customerId").contains("payBy");
	}

	/**
	 * Proves that everything published for {@code orderId} so far was handled: a marker
	 * order on the same key's partition is charged only after the records before it.
	 */
	void approveOnSamePartitionAfter(String orderId, String marker) {
		publishEvent(ORDER_APPROVED, EventIds.of(marker, ORDER_APPROVED), orderId, """
				{"orderId":"%s","customerId":"%s","total":{"amount":100,"currency":"KRW"},"paymentMethod":"tok_visa",
				 "payBy":"%s"}""".formatted(marker, customerOf(marker), Instant.now().plus(Duration.ofMinutes(5))));
		await().until(() -> status(marker) == PaymentStatus.CHARGED);
	}

	/**
	 * The trace a crash during the provider call leaves: the intent, without the
	 * provider's answer.
	 */
	void storeOpenIntent(String orderId, Instant payBy) {
		payments.insert(Payment.intend(new OrderEvent.OrderApproved(OrderId.of(orderId),
				CustomerId.of(customerOf(orderId)), Money.of(30_000, "KRW"), "tok_visa", payBy), Instant.now()));
	}

}
