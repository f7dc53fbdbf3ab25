package dev.ordersaga.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ordersaga.order.persistence.OrderQueries;
import dev.ordersaga.support.outbox.OutboxRelay;
import dev.ordersaga.support.testing.QueryShapes;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import dev.ordersaga.support.testing.TestIssuer;

/**
 * Every query order-fn issues is listed in {@link OrderQueries} with an index that serves
 * it on a real MongoDB (the embedded server ignores secondary indexes, so only this test
 * notices a missing one). Drives every use case that reads the store, then checks what
 * the service's MongoDB client recorded during the whole test run of this JVM.
 */
class QueryIndexesTest extends OrderFnTestBase {

	@LocalServerPort
	int port;

	@Autowired
	MongoMappingContext mapping;

	@Autowired
	OrderDeadlines deadlines;

	@Autowired
	OutboxRelay relay;

	@Test
	void everyQueryTheServiceIssuesIsListedWithAnIndexThatServesIt() {
		QueryShapes.reset();
		RestClient http = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeader("Authorization", TestIssuer.operator())
			.build();
		String customer = UUID.randomUUID().toString();
		String orderId = http.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).body("""
				{"customerId":"%s","paymentMethod":"tok_visa",
				 "lines":[{"sku":"BOOK-1","quantity":1,"unitPrice":{"amount":15000,"currency":"KRW"}}]}
				""".formatted(customer)).retrieve().body(OrderSagaStepsTest.OrderResponseView.class).orderId();
		publishEvent("customer-events", "credit.reserved.v1", UUID.randomUUID().toString(), orderId,
				"{\"orderId\":\"" + orderId + "\"}");
		http.post().uri("/orders/{id}/cancel", orderId).retrieve().toBodilessEntity();
		for (String query : List.of("", "?customerId=" + customer, "?status=PENDING",
				"?customerId=" + customer + "&status=CANCELLED")) {
			http.get().uri("/orders" + query).retrieve().toBodilessEntity();
		}
		deadlines.watchOpenOrders();
		relay.relayAll();
		awaitQuiescent();

		assertThat(QueryShapes.problems(OrderQueries.SHAPES, declaredIndexes())).isEmpty();
		assertThat(QueryShapes.recorded(Set.of("orders"))).as("queries recorded").hasSizeGreaterThan(5);
	}

	private Map<String, List<IndexDefinition>> declaredIndexes() {
		List<IndexDefinition> orders = new ArrayList<>();
		IndexResolver.create(mapping).resolveIndexFor(Order.class).forEach(orders::add);
		orders.add(OutboxRelay.sweepIndex());
		return Map.of("orders", orders);
	}

}
