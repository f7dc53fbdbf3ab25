package dev.ordersaga.order;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.ordersaga.support.events.EventIds;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import dev.ordersaga.support.testing.TestIssuer;

/**
 * Places orders over HTTP and drives them through the credit step with events on the real
 * broker.
 */
class OrderSagaStepsTest extends OrderFnTestBase {

	@LocalServerPort
	int port;

	@Autowired
	Orders orders;

	String place() {
		OrderResponseView created = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeader("Authorization", TestIssuer.operator())
			.build()
			.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body("""
					{"customerId":"%s","paymentMethod":"tok_visa",
					 "lines":[{"sku":"BOOK-1","quantity":2,"unitPrice":{"amount":15000,"currency":"KRW"}}]}
					""".formatted(UUID.randomUUID()))
			.retrieve()
			.body(OrderResponseView.class);
		return created.orderId();
	}

	record OrderResponseView(String orderId, String status) {
	}

	OrderStatus status(String orderId) {
		return orders.findById(OrderId.of(orderId)).orElseThrow().status();
	}

	@Test
	void publishesOrderCreatedWithCloudEventsHeadersKeyedByOrderId() {
		String orderId = place();

		ConsumerRecord<String, byte[]> created = awaitRecord("order-events",
				r -> orderId.equals(r.key()) && "order.created.v1".equals(header(r, "ce_type")));

		assertThat(header(created, "ce_id")).isEqualTo(EventIds.of(orderId, "order.created.v1"));
		assertThat(header(created, "ce_subject")).isEqualTo(orderId);
		assertThat(header(created, "ce_source")).isEqualTo("/order-fn");
		assertThat(header(created, "ce_specversion")).isEqualTo("1.0");
		assertThat(header(created, "ce_time")).isNotBlank();
		assertThat(body(created)).contains("\"orderId\":\"" + orderId + "\"")
			.contains("\"total\":{\"amount\":30000,\"currency\":\"KRW\"}");
	}

	@Test
	void approvesOrderWhenCreditReservedAndAnnouncesItOnceEvenWhenTheDecisionIsRedelivered() {
		String orderId = place();
		String decisionId = UUID.randomUUID().toString();
		String json = "{\"orderId\":\"%s\",\"customerId\":\"%s\",\"amount\":{\"amount\":30000,\"currency\":\"KRW\"}}"
			.formatted(orderId, UUID.randomUUID());

		publishEvent("customer-events", "credit.reserved.v1", decisionId, orderId, json);
		await().until(() -> status(orderId) == OrderStatus.APPROVED);
		publishEvent("customer-events", "credit.reserved.v1", decisionId, orderId, json);

		await().until(() -> records("order-events").stream()
			.filter(r -> orderId.equals(r.key()) && "order.approved.v1".equals(header(r, "ce_type")))
			.count() == 2);
		assertThat(records("order-events").stream()
			.filter(r -> orderId.equals(r.key()) && "order.approved.v1".equals(header(r, "ce_type")))
			.map(r -> header(r, "ce_id"))
			.distinct()).containsExactly(EventIds.of(orderId, "order.approved.v1"));
		assertThat(orders.findById(OrderId.of(orderId)).orElseThrow().history()).hasSize(2);
	}

	@Test
	void carriesTheTraceOfThePostThroughTheOutboxAndOfTheDecisionIntoTheAnswer() {
		String traceId = java.util.HexFormat.of()
			.formatHex(java.nio.ByteBuffer.allocate(16).putLong(System.nanoTime()).putLong(42).array());
		String orderId = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeader("Authorization", TestIssuer.operator())
			.build()
			.post()
			.uri("/orders")
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.contentType(MediaType.APPLICATION_JSON)
			.body("""
					{"customerId":"%s","paymentMethod":"tok_visa",
					 "lines":[{"sku":"BOOK-1","quantity":1,"unitPrice":{"amount":100,"currency":"EUR"}}]}
					""".formatted(UUID.randomUUID()))
			.retrieve()
			.body(OrderResponseView.class)
			.orderId();
		String decisionTrace = "4bf92f3577b34da6a3ce929d0e0e4736";

		ConsumerRecord<String, byte[]> created = awaitRecord("order-events",
				r -> orderId.equals(r.key()) && "order.created.v1".equals(header(r, "ce_type")));
		publish("customer-events", orderId,
				java.util.Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", "credit.reserved.v1", "ce_subject",
						orderId, "traceparent", "00-" + decisionTrace + "-a3ce929d0e0e4736-01"),
				("{\"orderId\":\"" + orderId + "\"}").getBytes());
		ConsumerRecord<String, byte[]> approved = awaitRecord("order-events",
				r -> orderId.equals(r.key()) && "order.approved.v1".equals(header(r, "ce_type")));

		assertThat(header(created, "traceparent")).startsWith("00-" + traceId + "-");
		assertThat(header(approved, "traceparent")).startsWith("00-" + decisionTrace + "-");
	}

	@Test
	void cancelsOrderWhenCreditLimitExceededOrCustomerUnknown() {
		String refused = place();
		String unknown = place();

		publishEvent("customer-events", "credit.limit-exceeded.v1", UUID.randomUUID().toString(), refused,
				"{\"orderId\":\"" + refused + "\"}");
		publishEvent("customer-events", "customer.not-found.v1", UUID.randomUUID().toString(), unknown,
				"{\"orderId\":\"" + unknown + "\"}");

		await().until(() -> status(refused) == OrderStatus.CANCELLED && status(unknown) == OrderStatus.CANCELLED);
		assertThat(orders.findById(OrderId.of(refused)).orElseThrow().cancelReason())
			.isEqualTo(CancelReason.CREDIT_LIMIT_EXCEEDED);
		assertThat(orders.findById(OrderId.of(unknown)).orElseThrow().cancelReason())
			.isEqualTo(CancelReason.UNKNOWN_CUSTOMER);
		awaitRecord("order-events", r -> refused.equals(r.key()) && "order.cancelled.v1".equals(header(r, "ce_type"))
				&& body(r).contains("\"reason\":\"CREDIT_LIMIT_EXCEEDED\""));
	}

	@Test
	void ignoresEventTypesItDoesNotRead() {
		String orderId = place();

		publishEvent("customer-events", "credit.released.v1", UUID.randomUUID().toString(), orderId,
				"{\"orderId\":\"" + orderId + "\"}");
		publishEvent("customer-events", "credit.reserved.v1", UUID.randomUUID().toString(), orderId,
				"{\"orderId\":\"" + orderId + "\"}");

		await().until(() -> status(orderId) == OrderStatus.APPROVED);
		assertThat(records("customer-events.dlq")).noneMatch(r -> orderId.equals(r.key()));
	}

	@Test
	void sendsPoisonRecordsToTheDeadLetterTopicAndKeepsProcessingThePartition() {
		String orderId = place();

		publish("customer-events", orderId, java.util.Map.of("ce_type", "credit.reserved.v1", "ce_id", "p-1"),
				"not json at all".getBytes());
		publishEvent("customer-events", "credit.reserved.v1", UUID.randomUUID().toString(), orderId,
				"{\"unexpected\":\"shape\"}");
		publishEvent("customer-events", "credit.limit-exceeded.v1", UUID.randomUUID().toString(), orderId,
				"{\"orderId\":\"" + orderId + "\"}");

		await().until(() -> status(orderId) == OrderStatus.CANCELLED);
		ConsumerRecord<String, byte[]> notJson = awaitRecord("customer-events.dlq",
				r -> orderId.equals(r.key()) && "not json at all".equals(body(r)));
		ConsumerRecord<String, byte[]> wrongShape = awaitRecord("customer-events.dlq",
				r -> orderId.equals(r.key()) && body(r).contains("unexpected"));
		assertThat(header(notJson, "x-exception-message")).contains("Unreadable credit.reserved.v1");
		assertThat(header(wrongShape, "x-exception-message")).contains("orderId");
		assertThat(header(notJson, "x-original-topic")).isEqualTo("customer-events");
	}

}
