package dev.ordersaga.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ordersaga.support.events.EventIds;
import dev.ordersaga.support.money.Money;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import dev.ordersaga.support.testing.TestIssuer;

/** The payment step, the customer's cancel and the saga deadline. */
class OrderPaymentAndCancelTest extends OrderFnTestBase {

	@LocalServerPort
	int port;

	@Autowired
	Orders orders;

	@Autowired
	OrderManagement management;

	@Autowired
	Clock clock;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	OrderDeadlines sweep;

	RestClient http;

	@BeforeEach
	void client() {
		http = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeader("Authorization", TestIssuer.operator())
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	String approvedOrder() {
		String orderId = place();
		publishEvent("customer-events", "credit.reserved.v1", UUID.randomUUID().toString(), orderId,
				"{\"orderId\":\"" + orderId + "\"}");
		await().until(() -> status(orderId) == OrderStatus.APPROVED);
		return orderId;
	}

	String place() {
		return http.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).body("""
				{"customerId":"%s","paymentMethod":"tok_visa",
				 "lines":[{"sku":"BOOK-1","quantity":1,"unitPrice":{"amount":15000,"currency":"KRW"}}]}
				""".formatted(UUID.randomUUID())).retrieve().body(OrderSagaStepsTest.OrderResponseView.class).orderId();
	}

	Order order(String orderId) {
		return orders.findById(OrderId.of(orderId)).orElseThrow();
	}

	OrderStatus status(String orderId) {
		return order(orderId).status();
	}

	ResponseEntity<String> cancel(String orderId) {
		return http.post().uri("/orders/{id}/cancel", orderId).retrieve().toEntity(String.class);
	}

	long cancelledEvents(String orderId) {
		return records("order-events").stream()
			.filter(r -> orderId.equals(r.key()) && "order.cancelled.v1".equals(header(r, "ce_type")))
			.count();
	}

	java.util.Map<String, Long> cancelledEventsByOrder() {
		return records("order-events").stream()
			.filter(r -> "order.cancelled.v1".equals(header(r, "ce_type")))
			.collect(java.util.stream.Collectors.groupingBy(r -> r.key(), java.util.stream.Collectors.counting()));
	}

	static List<String> ids(List<OrderId> ids) {
		return ids.stream().map(OrderId::toString).toList();
	}

	@Test
	void completesApprovedOrderWhenPaymentProcessed() {
		String orderId = approvedOrder();

		publishEvent("payment-events", "payment.processed.v1", UUID.randomUUID().toString(), orderId,
				"{\"orderId\":\"%s\",\"paymentId\":\"pay-1\",\"amount\":{\"amount\":15000,\"currency\":\"KRW\"}}"
					.formatted(orderId));

		await().until(() -> status(orderId) == OrderStatus.COMPLETED);
		var completed = awaitRecord("order-events",
				r -> orderId.equals(r.key()) && "order.completed.v1".equals(header(r, "ce_type")));
		assertThat(header(completed, "ce_id")).isEqualTo(EventIds.of(orderId, "order.completed.v1"));
		assertThat(body(completed)).contains("\"paymentId\":\"pay-1\"");
	}

	@Test
	void cancelsApprovedOrderWhenPaymentDeclined() {
		String orderId = approvedOrder();

		publishEvent("payment-events", "payment.failed.v1", UUID.randomUUID().toString(), orderId,
				"{\"orderId\":\"%s\",\"reason\":\"DECLINED\",\"detail\":\"card_declined\"}".formatted(orderId));

		await().until(() -> status(orderId) == OrderStatus.CANCELLED);
		assertThat(order(orderId).cancelReason()).isEqualTo(CancelReason.PAYMENT_DECLINED);
	}

	@Test
	void paymentArrivingAfterCancellationLeavesTheOrderCancelled() {
		String orderId = approvedOrder();
		assertThat(cancel(orderId).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

		publishEvent("payment-events", "payment.processed.v1", UUID.randomUUID().toString(), orderId,
				"{\"orderId\":\"%s\",\"paymentId\":\"pay-late\"}".formatted(orderId));
		String marker = approvedOrder();
		publishEvent("payment-events", "payment.processed.v1", UUID.randomUUID().toString(), marker,
				"{\"orderId\":\"%s\",\"paymentId\":\"pay-2\"}".formatted(marker));

		await().until(() -> status(marker) == OrderStatus.COMPLETED);
		assertThat(status(orderId)).isEqualTo(OrderStatus.CANCELLED);
		assertThat(order(orderId).cancelReason()).isEqualTo(CancelReason.CUSTOMER_REQUEST);
	}

	@Test
	void customerCancelIsAcceptedUntilCompletionAndRefusedWith409After() {
		String open = place();
		String completed = approvedOrder();
		publishEvent("payment-events", "payment.processed.v1", UUID.randomUUID().toString(), completed,
				"{\"orderId\":\"%s\",\"paymentId\":\"pay-3\"}".formatted(completed));
		await().until(() -> status(completed) == OrderStatus.COMPLETED);

		ResponseEntity<String> accepted = cancel(open);
		ResponseEntity<String> again = cancel(open);
		ResponseEntity<String> tooLate = cancel(completed);

		assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(tooLate.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(tooLate.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(order(open).cancelReason()).isEqualTo(CancelReason.CUSTOMER_REQUEST);
		await().until(() -> cancelledEvents(open) >= 1);
		awaitQuiescent();
		assertThat(cancelledEvents(open)).isEqualTo(1);
		assertThat(status(completed)).isEqualTo(OrderStatus.COMPLETED);
	}

	@Test
	void cancelsOverdueOpenOrdersWithTimeoutExactlyOnceEvenWhenReplicasRace() {
		List<OrderId> overdue = IntStream.range(0, 20).mapToObj(i -> {
			Transition placed = Order.place(OrderId.random(), new CustomerId(UUID.randomUUID()), "tok_visa",
					List.of(new OrderLine("A", 1, Money.of(100, "EUR"))), null,
					clock.instant().minus(Duration.ofHours(1)), Duration.ofMinutes(15));
			orders.insert(placed.order(), List.of());
			return placed.order().id();
		}).toList();

		List<CompletableFuture<?>> replicas = IntStream.range(0, 4)
			.mapToObj(replica -> CompletableFuture.runAsync(() -> overdue.forEach(management::expire)))
			.<CompletableFuture<?>>map(future -> future)
			.toList();
		CompletableFuture.allOf(replicas.toArray(CompletableFuture[]::new)).join();

		for (OrderId id : overdue) {
			Order order = orders.findById(id).orElseThrow();
			assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
			assertThat(order.cancelReason()).isEqualTo(CancelReason.TIMEOUT);
			assertThat(order.history()).extracting(StatusChange::status)
				.containsExactly(OrderStatus.PENDING, OrderStatus.CANCELLED);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> cancelledEventsByOrder().keySet().containsAll(ids(overdue)));
		awaitQuiescent();
		assertThat(cancelledEventsByOrder())
			.containsAllEntriesOf(ids(overdue).stream().collect(java.util.stream.Collectors.toMap(id -> id, id -> 1L)));
	}

	@Test
	void aChargeInFlightAtPayByStillCompletesTheOrderWithinTheGracePeriod() {
		Instant now = clock.instant();
		Order approved = Order
			.place(OrderId.random(), new CustomerId(UUID.randomUUID()), "tok_visa",
					List.of(new OrderLine("A", 1, Money.of(100, "EUR"))), null,
					now.minus(Duration.ofMinutes(15)).minusSeconds(2), Duration.ofMinutes(15))
			.order()
			.approve(now.minusSeconds(30))
			.order();
		orders.insert(approved, List.of());
		String orderId = approved.id().toString();

		// payBy passed two seconds ago; the deadline check runs every 300 ms
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> status(orderId) == OrderStatus.APPROVED);
		publishEvent("payment-events", "payment.processed.v1", UUID.randomUUID().toString(), orderId,
				"{\"orderId\":\"%s\",\"paymentId\":\"pay-in-flight\"}".formatted(orderId));

		await().until(() -> status(orderId) == OrderStatus.COMPLETED);
	}

	@Test
	void theFallbackSweepFindsOpenOrdersThatNoInstanceWatches() {
		Order left = Order
			.place(OrderId.random(), new CustomerId(UUID.randomUUID()), "tok_visa",
					List.of(new OrderLine("A", 1, Money.of(100, "EUR"))), null,
					clock.instant().minus(Duration.ofHours(1)), Duration.ofMinutes(15))
			.order()
			.withVersion(0L);
		// written by a replica that is gone: not through this instance's writes
		Document document = new Document();
		mongo.getConverter().write(left, document);
		document.remove("_class");
		mongo.insert(document, "orders");

		sweep.watchOpenOrders();

		await().until(() -> status(left.id().toString()) == OrderStatus.CANCELLED);
		assertThat(order(left.id().toString()).cancelReason()).isEqualTo(CancelReason.TIMEOUT);
	}

	@Test
	void deadlineSweepCancelsOrdersThatStayPendingPastPayBy() {
		Transition placed = Order.place(OrderId.random(), new CustomerId(UUID.randomUUID()), "tok_visa",
				List.of(new OrderLine("A", 1, Money.of(100, "EUR"))), null, clock.instant().minus(Duration.ofHours(1)),
				Duration.ofMinutes(15));
		orders.insert(placed.order(), List.of());

		await().until(() -> orders.findById(placed.order().id()).orElseThrow().status() == OrderStatus.CANCELLED);
		assertThat(orders.findById(placed.order().id()).orElseThrow().cancelReason()).isEqualTo(CancelReason.TIMEOUT);
	}

}
