package dev.ordersaga.order;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import dev.ordersaga.support.events.EventCodec;
import dev.ordersaga.support.money.Money;
import dev.ordersaga.order.messaging.OrderEventTypes;
import dev.ordersaga.support.outbox.Outbox;
import dev.ordersaga.support.outbox.OutboxProperties;
import dev.ordersaga.support.outbox.OutboxRelay;
import dev.ordersaga.support.outbox.OutboxTracing;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several replicas relaying one outbox collection publish every event once and leave
 * nothing behind.
 */
class OutboxReplicasTest extends OrderFnTestBase {

	@Autowired
	Orders orders;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	StreamBridge bridge;

	@Autowired
	EventCodec codec;

	@Autowired
	Clock clock;

	@Autowired
	Outbox outbox;

	@Autowired
	OutboxRelay relay;

	OutboxRelay replica() {
		// a relay that never runs on its own thread: the test drives its passes
		return new OutboxRelay(mongo, bridge, codec,
				new OutboxProperties(List.of("orders"), Duration.ofHours(1), 100, Duration.ofMinutes(1),
						Duration.ofSeconds(2)),
				new OutboxTracing(Tracer.NOOP, Propagator.NOOP), new SimpleMeterRegistry());
	}

	@Test
	void racingRelaysPublishEachOutboxEventExactlyOnceAndEmptyTheOutboxes() {
		String customer = UUID.randomUUID().toString();
		List<String> placed = IntStream.range(0, 40).mapToObj(i -> {
			Transition order = Order.place(OrderId.random(), CustomerId.of(customer), "tok_visa",
					List.of(new OrderLine("A", 1, Money.of(100, "EUR"))), null, clock.instant(),
					Duration.ofMinutes(15));
			// written without waking the service's own relay, as a crashed replica would
			// have left them
			mongo.insert(outboxOnly(order), "orders");
			return order.order().id().toString();
		}).toList();

		List<OutboxRelay> replicas = List.of(replica(), replica(), replica());
		CompletableFuture
			.allOf(replicas.stream()
				.map(relay -> CompletableFuture.runAsync(relay::relayAll))
				.toArray(CompletableFuture[]::new))
			.join();

		// quiescent before counting: every outbox emptied, and the service's own relay (a
		// fourth racer) holds nothing either, so no late copy can still arrive
		await().atMost(Duration.ofSeconds(30))
			.until(() -> mongo.getCollection("orders")
				.countDocuments(new Document("outbox.0", new Document("$exists", true)).append("customerId", customer))
					+ mongo.getCollection("orders")
						.countDocuments(new Document("outboxLease", new Document("$exists", true)).append("customerId",
								customer)) == 0);
		await().atMost(Duration.ofSeconds(10)).until(relay::idle);
		Map<String, Long> published = createdEventsPerOrder();
		assertThat(placed).allSatisfy(orderId -> assertThat(published.get(orderId)).isEqualTo(1));
	}

	private Document outboxOnly(Transition placed) {
		Document document = new Document();
		mongo.getConverter().write(placed.order().withVersion(0L), document);
		document.remove("_class");
		OrderEvent created = placed.event().orElseThrow();
		return outbox.attach(document,
				List.of(outbox.entry(OrderEventTypes.ORDER_EVENTS_BINDING, OrderEventTypes.outgoing(created))));
	}

	private Map<String, Long> createdEventsPerOrder() {
		return records("order-events").stream()
			.filter(r -> "order.created.v1".equals(header(r, "ce_type")))
			.collect(Collectors.groupingBy(r -> r.key(), Collectors.counting()));
	}

}
