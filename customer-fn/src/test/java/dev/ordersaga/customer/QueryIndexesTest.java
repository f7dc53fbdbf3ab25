package dev.ordersaga.customer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ordersaga.customer.persistence.CustomerQueries;
import dev.ordersaga.support.events.EventIds;
import dev.ordersaga.support.outbox.OutboxRelay;
import dev.ordersaga.support.testing.QueryShapes;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.http.MediaType;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every query customer-fn issues is listed in {@link CustomerQueries} with an index that
 * serves it on a real MongoDB (the embedded server ignores secondary indexes, so only
 * this test notices a missing one). Drives every use case that reads the store, over HTTP
 * and the {@code decideCredit} binding, then checks what the service's MongoDB client
 * recorded meanwhile.
 */
class QueryIndexesTest extends CustomerFnTest {

	private static final String ORDER_EVENTS = "order-events";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private InputDestination input;

	@Autowired
	private MongoMappingContext mapping;

	@Autowired
	private OutboxRelay relay;

	@Autowired
	private CustomerProperties properties;

	@Test
	void everyQueryTheServiceIssuesIsListedWithAnIndexThatServesIt() throws Exception {
		QueryShapes.reset();
		String location = mvc.perform(post("/customers").contentType(MediaType.APPLICATION_JSON).content("""
				{"name":"Customer One","email":"one@example.com","locale":"ko",
				 "creditLimit":{"amount":100000,"currency":"KRW"}}"""))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getHeader("Location");
		CustomerId customer = CustomerId.of(location.substring("/customers/".length()));
		mvc.perform(get(location)).andExpect(status().isOk());
		mvc.perform(patch(location).contentType(MediaType.APPLICATION_JSON).content("""
				{"email":"two@example.com","creditLimit":{"amount":200000,"currency":"KRW"}}"""))
			.andExpect(status().isOk());
		mvc.perform(patch(location).contentType(MediaType.APPLICATION_JSON).content("""
				{"creditLimit":{"amount":150000,"currency":"KRW"}}""")).andExpect(status().isOk());

		OrderId cancelledEarly = newOrder();
		input.send(cancelled(cancelledEarly, customer), ORDER_EVENTS);
		input.send(created(newOrder(), customer, 1_000_000), ORDER_EVENTS);
		OrderId released = newOrder();
		input.send(created(released, customer, 1_000), ORDER_EVENTS);
		input.send(cancelled(released, customer), ORDER_EVENTS);
		// enough closed orders for the older ones to move out of the customer document
		List<OrderId> completed = new ArrayList<>();
		for (int i = 0; i <= properties.closedLimit(); i++) {
			OrderId order = newOrder();
			input.send(created(order, customer, 100), ORDER_EVENTS);
			input.send(completed(order, customer), ORDER_EVENTS);
			completed.add(order);
		}
		assertThat(management.find(customer).orElseThrow().pruned()).as("closed entries moved out").isPositive();
		// redeliveries of moved-out decisions are answered from closedOrders
		input.send(created(completed.getFirst(), customer, 100), ORDER_EVENTS);
		input.send(created(cancelledEarly, customer, 100), ORDER_EVENTS);
		relay.relayAll();
		await().atMost(Duration.ofSeconds(30)).until(relay::idle);

		assertThat(QueryShapes.problems(CustomerQueries.SHAPES, declaredIndexes())).isEmpty();
		assertThat(CustomerQueries.SHAPES).as("listed shapes the workload issued (so that a shape left out fails)")
			.allSatisfy(shape -> assertThat(QueryShapes.recorded(Set.of(shape.collection()))).anySatisfy(
					query -> assertThat(shape.matches(query.collection(), query.filter(), query.sort())).isTrue()));
		assertThat(QueryShapes.recorded(Set.of("customers", CustomerQueries.CLOSED_ORDERS))).as("queries recorded")
			.hasSizeGreaterThan(8);
	}

	private Map<String, List<IndexDefinition>> declaredIndexes() {
		List<IndexDefinition> customers = new ArrayList<>();
		IndexResolver.create(mapping).resolveIndexFor(Customer.class).forEach(customers::add);
		customers.add(OutboxRelay.sweepIndex());
		List<IndexDefinition> closedOrders = new ArrayList<>();
		IndexResolver.create(mapping).resolveIndexFor(ClosedOrder.class).forEach(closedOrders::add);
		return Map.of("customers", customers, CustomerQueries.CLOSED_ORDERS, closedOrders);
	}

	private static Message<byte[]> created(OrderId order, CustomerId customer, long amount) {
		return message("order.created.v1", order, """
				{"orderId":"%s","customerId":"%s","total":{"amount":%d,"currency":"KRW"},"createdAt":"%s"}"""
			.formatted(order, customer, amount, Instant.now()));
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

	private static Message<byte[]> message(String type, OrderId order, String body) {
		return MessageBuilder.withPayload(body.getBytes(StandardCharsets.UTF_8))
			.copyHeaders(Map.of("ce_id", EventIds.of(order.toString(), type), "ce_type", type, "ce_source", "/order-fn",
					"ce_specversion", "1.0", "ce_subject", order.toString(), "ce_time", Instant.now().toString()))
			.build();
	}

}
