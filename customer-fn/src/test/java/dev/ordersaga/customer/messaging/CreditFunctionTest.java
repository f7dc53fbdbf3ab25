package dev.ordersaga.customer.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.customer.Customer;
import dev.ordersaga.customer.CustomerFnTest;
import dev.ordersaga.customer.CustomerId;
import dev.ordersaga.customer.OrderId;
import dev.ordersaga.customer.Reservation;
import dev.ordersaga.support.events.EventIds;
import dev.ordersaga.support.events.PoisonMessageException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code decideCredit} binding: order events in, credit decisions out, on the test
 * binder.
 */
class CreditFunctionTest extends CustomerFnTest {

	private static final String ORDER_EVENTS = "order-events";

	private static final String CUSTOMER_EVENTS = "customer-events";

	@Autowired
	private InputDestination input;

	@Autowired
	private JsonMapper json;

	@Autowired
	@Qualifier("errorChannel")
	private SubscribableChannel errors;

	private final List<ErrorMessage> failures = new CopyOnWriteArrayList<>();

	private final MessageHandler recordFailures = message -> failures.add((ErrorMessage) message);

	@BeforeEach
	void forgetEarlierOutput() {
		output.clear(CUSTOMER_EVENTS);
		errors.subscribe(recordFailures);
	}

	@AfterEach
	void stopRecordingFailures() {
		errors.unsubscribe(recordFailures);
	}

	@Test
	void reservesCreditAndAnnouncesItWithCloudEventsHeaders() {
		Customer customer = customerWithLimit(100_000, "KRW");
		OrderId order = newOrder();

		input.send(created(order, customer.id(), 30_000, "KRW"), ORDER_EVENTS);

		Message<byte[]> reserved = output.receive(1000, CUSTOMER_EVENTS);
		assertThat(reserved).isNotNull();
		Reservation reservation = reload(customer).reservation(order).orElseThrow();
		assertThat(reserved.getHeaders()).containsEntry("ce_type", "credit.reserved.v1")
			.containsEntry("ce_id", EventIds.of(order.toString(), "credit.reserved.v1"))
			.containsEntry("ce_subject", order.toString())
			.containsEntry("ce_source", "/customer-fn")
			.containsEntry("ce_specversion", "1.0")
			.containsEntry("ce_time", reservation.reservedAt().toString());
		assertThat((byte[]) reserved.getHeaders().get(KafkaHeaders.KEY))
			.isEqualTo(order.toString().getBytes(StandardCharsets.UTF_8));
		assertThat(body(reserved)).isEqualTo(json.readTree("""
				{"orderId":"%s","customerId":"%s",
				 "amount":{"amount":30000,"currency":"KRW"},
				 "availableAfter":{"amount":70000,"currency":"KRW"}}""".formatted(order, customer.id())));
		assertThat(reload(customer).available()).isEqualTo(70_000);
	}

	@Test
	void reservesOnceAndReannouncesTheSameEventWhenOrderCreatedIsDeliveredTwice() {
		Customer customer = customerWithLimit(100_000, "KRW");
		OrderId order = newOrder();
		Message<byte[]> created = created(order, customer.id(), 30_000, "KRW");

		input.send(created, ORDER_EVENTS);
		Message<byte[]> first = output.receive(1000, CUSTOMER_EVENTS);
		input.send(created, ORDER_EVENTS);
		Message<byte[]> second = output.receive(1000, CUSTOMER_EVENTS);

		assertThat(second).isNotNull();
		assertThat(second.getHeaders().get("ce_id")).isEqualTo(first.getHeaders().get("ce_id"));
		assertThat(second.getHeaders().get("ce_time")).isEqualTo(first.getHeaders().get("ce_time"));
		assertThat(body(second)).isEqualTo(body(first));
		assertThat(reload(customer).reservations()).hasSize(1);
		assertThat(reload(customer).available()).isEqualTo(70_000);
	}

	@Test
	void refusesAnOrderOverTheAvailableCredit() {
		Customer customer = customerWithLimit(100_000, "KRW");
		OrderId order = newOrder();

		input.send(created(order, customer.id(), 150_000, "KRW"), ORDER_EVENTS);

		Message<byte[]> exceeded = output.receive(1000, CUSTOMER_EVENTS);
		assertThat(exceeded.getHeaders()).containsEntry("ce_type", "credit.limit-exceeded.v1")
			.containsEntry("ce_id", EventIds.of(order.toString(), "credit.limit-exceeded.v1"))
			.containsEntry("ce_subject", order.toString());
		assertThat(body(exceeded)).isEqualTo(json.readTree("""
				{"orderId":"%s","customerId":"%s",
				 "requested":{"amount":150000,"currency":"KRW"},
				 "available":{"amount":100000,"currency":"KRW"}}""".formatted(order, customer.id())));
		assertThat(reload(customer).available()).isEqualTo(100_000);
	}

	@Test
	void refusesARedeliveredOrderAgainEvenAfterCreditWasFreed() {
		Customer customer = customerWithLimit(100, "EUR");
		OrderId big = newOrder();
		OrderId refused = newOrder();
		input.send(created(big, customer.id(), 80, "EUR"), ORDER_EVENTS);
		input.send(created(refused, customer.id(), 50, "EUR"), ORDER_EVENTS);
		output.receive(1000, CUSTOMER_EVENTS);
		Message<byte[]> firstRefusal = output.receive(1000, CUSTOMER_EVENTS);
		input.send(cancelled(big, customer.id()), ORDER_EVENTS);
		output.receive(1000, CUSTOMER_EVENTS);

		input.send(created(refused, customer.id(), 50, "EUR"), ORDER_EVENTS);

		Message<byte[]> again = output.receive(1000, CUSTOMER_EVENTS);
		assertThat(again.getHeaders()).containsEntry("ce_type", "credit.limit-exceeded.v1")
			.containsEntry("ce_id", firstRefusal.getHeaders().get("ce_id"))
			.containsEntry("ce_time", firstRefusal.getHeaders().get("ce_time"));
		assertThat(body(again)).isEqualTo(body(firstRefusal));
		assertThat(reload(customer).available()).isEqualTo(100);
	}

	@Test
	void refusesAnOrderInAnotherCurrencyThanTheCreditLimit() {
		Customer customer = customerWithLimit(100_000, "KRW");
		OrderId order = newOrder();

		input.send(created(order, customer.id(), 10, "EUR"), ORDER_EVENTS);

		Message<byte[]> exceeded = output.receive(1000, CUSTOMER_EVENTS);
		assertThat(exceeded.getHeaders()).containsEntry("ce_type", "credit.limit-exceeded.v1");
		assertThat(body(exceeded).get("requested")).isEqualTo(json.readTree("{\"amount\":10,\"currency\":\"EUR\"}"));
		assertThat(reload(customer).available()).isEqualTo(100_000);
	}

	@Test
	void answersCustomerNotFoundForAnUnknownCustomerAtTheOrdersTime() {
		CustomerId unknown = new CustomerId(UUID.randomUUID());
		OrderId order = newOrder();
		Instant placed = Instant.parse("2026-11-25T10:15:30.123Z");

		input.send(message("order.created.v1", order, """
				{"orderId":"%s","customerId":"%s","total":{"amount":100,"currency":"KRW"},"createdAt":"%s"}"""
			.formatted(order, unknown, placed)), ORDER_EVENTS);

		Message<byte[]> notFound = output.receive(1000, CUSTOMER_EVENTS);
		assertThat(notFound.getHeaders()).containsEntry("ce_type", "customer.not-found.v1")
			.containsEntry("ce_id", EventIds.of(order.toString(), "customer.not-found.v1"))
			.containsEntry("ce_time", placed.toString());
		assertThat(body(notFound))
			.isEqualTo(json.readTree("{\"orderId\":\"%s\",\"customerId\":\"%s\"}".formatted(order, unknown)));
	}

	@Test
	void releasesTheReservationOfACancelledOrderAndRestoresTheCredit() {
		Customer customer = customerWithLimit(100_000, "KRW");
		OrderId order = newOrder();
		input.send(created(order, customer.id(), 30_000, "KRW"), ORDER_EVENTS);
		output.receive(1000, CUSTOMER_EVENTS);

		input.send(cancelled(order, customer.id()), ORDER_EVENTS);

		Message<byte[]> released = output.receive(1000, CUSTOMER_EVENTS);
		Reservation reservation = reload(customer).reservation(order).orElseThrow();
		assertThat(reservation.status()).isEqualTo(Reservation.Status.RELEASED);
		assertThat(released.getHeaders()).containsEntry("ce_type", "credit.released.v1")
			.containsEntry("ce_id", EventIds.of(order.toString(), "credit.released.v1"))
			.containsEntry("ce_subject", order.toString())
			.containsEntry("ce_time", reservation.closedAt().toString());
		assertThat(body(released)).isEqualTo(json.readTree("""
				{"orderId":"%s","customerId":"%s",
				 "amount":{"amount":30000,"currency":"KRW"},
				 "availableAfter":{"amount":100000,"currency":"KRW"}}""".formatted(order, customer.id())));
		assertThat(reload(customer).available()).isEqualTo(100_000);
	}

	@Test
	void releasesOnceAndReannouncesTheReleaseWhenOrderCancelledIsDeliveredTwice() {
		Customer customer = customerWithLimit(100_000, "KRW");
		OrderId order = newOrder();
		input.send(created(order, customer.id(), 30_000, "KRW"), ORDER_EVENTS);
		output.receive(1000, CUSTOMER_EVENTS);

		input.send(cancelled(order, customer.id()), ORDER_EVENTS);
		Message<byte[]> first = output.receive(1000, CUSTOMER_EVENTS);
		input.send(cancelled(order, customer.id()), ORDER_EVENTS);
		Message<byte[]> second = output.receive(1000, CUSTOMER_EVENTS);

		assertThat(second.getHeaders().get("ce_id")).isEqualTo(first.getHeaders().get("ce_id"));
		assertThat(second.getHeaders().get("ce_time")).isEqualTo(first.getHeaders().get("ce_time"));
		assertThat(body(second)).isEqualTo(body(first));
		assertThat(reload(customer).available()).isEqualTo(100_000);
	}

	@Test
	void releasesNothingForACancelledOrderThatWasRefused() {
		Customer customer = customerWithLimit(100, "KRW");
		OrderId order = newOrder();
		input.send(created(order, customer.id(), 500, "KRW"), ORDER_EVENTS);
		output.receive(1000, CUSTOMER_EVENTS);

		input.send(cancelled(order, customer.id()), ORDER_EVENTS);

		assertThat(output.receive(200, CUSTOMER_EVENTS)).isNull();
		assertThat(reload(customer).available()).isEqualTo(100);
	}

	@Test
	void settlesTheReservationOfACompletedOrderSilently() {
		Customer customer = customerWithLimit(100_000, "KRW");
		OrderId order = newOrder();
		input.send(created(order, customer.id(), 30_000, "KRW"), ORDER_EVENTS);
		output.receive(1000, CUSTOMER_EVENTS);

		input.send(completed(order, customer.id()), ORDER_EVENTS);
		input.send(completed(order, customer.id()), ORDER_EVENTS);

		assertThat(output.receive(200, CUSTOMER_EVENTS)).isNull();
		assertThat(reload(customer).reservation(order).orElseThrow().status()).isEqualTo(Reservation.Status.SETTLED);
		assertThat(reload(customer).available()).isEqualTo(100_000);
	}

	@Test
	void releasesNothingWhenAnOrderIsCancelledAfterItsCreditWasSettled() {
		Customer customer = customerWithLimit(100_000, "KRW");
		OrderId order = newOrder();
		input.send(created(order, customer.id(), 30_000, "KRW"), ORDER_EVENTS);
		output.receive(1000, CUSTOMER_EVENTS);
		input.send(completed(order, customer.id()), ORDER_EVENTS);

		input.send(cancelled(order, customer.id()), ORDER_EVENTS);

		assertThat(output.receive(200, CUSTOMER_EVENTS)).isNull();
		assertThat(reload(customer).available()).isEqualTo(100_000);
	}

	@Test
	void ignoresOrderEventTypesItDoesNotRead() {
		Customer customer = customerWithLimit(100_000, "KRW");
		OrderId order = newOrder();

		input.send(message("order.approved.v1", order,
				"""
						{"orderId":"%s","customerId":"%s","total":{"amount":30000,"currency":"KRW"},"paymentMethod":"tok_visa"}"""
					.formatted(order, customer.id())),
				ORDER_EVENTS);

		assertThat(output.receive(200, CUSTOMER_EVENTS)).isNull();
		assertThat(reload(customer).available()).isEqualTo(100_000);
	}

	@Test
	void readsOrderCreatedAsOrderFnWritesIt() {
		Customer customer = customerWithLimit(100_000, "KRW");
		OrderId order = newOrder();

		input.send(message("order.created.v1", order, """
				{"orderId":"%s","customerId":"%s",
				 "lines":[{"sku":"BOOK-1","quantity":2,"unitPrice":{"amount":15000,"currency":"KRW"}}],
				 "total":{"amount":30000,"currency":"KRW"},"createdAt":"2026-11-25T10:15:30Z"}""".formatted(order,
				customer.id())), ORDER_EVENTS);

		assertThat(output.receive(1000, CUSTOMER_EVENTS).getHeaders()).containsEntry("ce_type", "credit.reserved.v1");
	}

	@Test
	void treatsAnUnreadableOrderEventAsPoison() {
		OrderId order = newOrder();

		assertPoison(message("order.created.v1", order, "{not json"));
		assertPoison(message("order.created.v1", order,
				"{\"orderId\":\"%s\",\"total\":{\"amount\":1,\"currency\":\"KRW\"}}".formatted(order)));
		assertPoison(message("order.created.v1", order,
				"{\"orderId\":\"%s\",\"customerId\":\"%s\",\"total\":{\"amount\":1,\"currency\":\"XXY\"}}"
					.formatted(order, UUID.randomUUID())));
		assertPoison(message("order.created.v1", order,
				"{\"orderId\":\"%s\",\"customerId\":\"%s\",\"total\":{\"amount\":0,\"currency\":\"KRW\"}}"
					.formatted(order, UUID.randomUUID())));
		assertPoison(message("order.created.v1", order,
				"{\"orderId\":\"%s\",\"customerId\":\"%s\",\"total\":{\"amount\":10.5,\"currency\":\"KRW\"}}"
					.formatted(order, UUID.randomUUID())));
		assertPoison(message("order.cancelled.v1", order,
				"{\"orderId\":\"not-a-uuid\",\"customerId\":\"%s\"}".formatted(UUID.randomUUID())));
	}

	private void assertPoison(Message<byte[]> message) {
		failures.clear();
		input.send(message, ORDER_EVENTS);
		assertThat(output.receive(100, CUSTOMER_EVENTS)).isNull();
		assertThat(failures).singleElement()
			.satisfies(failure -> assertThat(causes(failure.getPayload()))
				.hasAtLeastOneElementOfType(PoisonMessageException.class));
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
			chain.add(cause);
		}
		return chain;
	}

	private JsonNode body(Message<byte[]> message) {
		return json.readTree(message.getPayload());
	}

	private static Message<byte[]> created(OrderId order, CustomerId customer, long amount, String currency) {
		return message("order.created.v1", order, """
				{"orderId":"%s","customerId":"%s","total":{"amount":%d,"currency":"%s"},"createdAt":"%s"}"""
			.formatted(order, customer, amount, currency, Instant.now()));
	}

	private static Message<byte[]> cancelled(OrderId order, CustomerId customer) {
		return message("order.cancelled.v1", order, """
				{"orderId":"%s","customerId":"%s","total":{"amount":1,"currency":"KRW"},"reason":"TIMEOUT"}"""
			.formatted(order, customer));
	}

	private static Message<byte[]> completed(OrderId order, CustomerId customer) {
		return message("order.completed.v1", order, """
				{"orderId":"%s","customerId":"%s","paymentId":"pay-1"}""".formatted(order, customer));
	}

	/**
	 * As order-fn publishes it; the id is derived like order-fn's, so a second send is a
	 * true duplicate.
	 */
	private static Message<byte[]> message(String type, OrderId order, String body) {
		return MessageBuilder.withPayload(body.getBytes(StandardCharsets.UTF_8))
			.copyHeaders(Map.of("ce_id", EventIds.of(order.toString(), type), "ce_type", type, "ce_source", "/order-fn",
					"ce_specversion", "1.0", "ce_subject", order.toString(), "ce_time", Instant.now().toString()))
			.build();
	}

}
