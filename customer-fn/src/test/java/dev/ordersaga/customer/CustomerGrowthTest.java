package dev.ordersaga.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;

import dev.ordersaga.customer.CreditEvent.CreditLimitExceeded;
import dev.ordersaga.customer.CreditEvent.CreditReleased;
import dev.ordersaga.customer.CreditEvent.CreditReserved;
import dev.ordersaga.customer.OrderEvent.OrderCancelled;
import dev.ordersaga.customer.OrderEvent.OrderCompleted;
import dev.ordersaga.customer.OrderEvent.OrderCreated;
import dev.ordersaga.support.money.Money;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer with thousands of orders: the document keeps its open reservations and a
 * bounded number of closed entries, and every earlier decision still answers a redelivery
 * exactly as it did the first time.
 */
class CustomerGrowthTest extends CustomerFnTest {

	private static final int ORDERS = 5_000;

	private static final int CONSUMERS = 4;

	/**
	 * Far below MongoDB's 16 MB, and far below the ≈ 750 KB five thousand kept entries
	 * would take.
	 */
	private static final int MAX_DOCUMENT_BYTES = 48 * 1024;

	@Autowired
	private CreditLedger ledger;

	@Autowired
	private CustomerProperties properties;

	@Autowired
	private MongoTemplate mongo;

	@Test
	void keepsTheCustomerDocumentBoundedAndEveryDecisionExactOverThousandsOfOrders() throws Exception {
		Customer customer = customerWithLimit(1_000, "KRW");
		OrderId cancelledFirst = newOrder();
		ledger.on(new OrderCancelled(cancelledFirst, customer.id()));
		OrderId open = newOrder();
		CreditEvent openReserved = ledger.on(created(customer, open, 300)).orElseThrow();
		List<Callable<List<Delivery>>> consumers = IntStream.range(0, CONSUMERS)
			.<Callable<List<Delivery>>>mapToObj(consumer -> () -> placeOrders(customer, consumer))
			.toList();

		List<Delivery> first = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(CONSUMERS)) {
			for (Future<List<Delivery>> deliveries : executor.invokeAll(consumers)) {
				first.addAll(deliveries.get());
			}
		}

		Customer after = assertBounded(customer);
		assertThat(after.available()).as("only the open order holds credit").isEqualTo(700);
		assertThat(after.openReservations()).isEqualTo(Money.of(300, "KRW"));
		assertThat(after.reservation(open)).isPresent();
		assertThat(after.pruned()).isPositive();
		List<CreditEvent> answers = first.stream().map(Delivery::answer).toList();
		assertThat(answers).filteredOn(CreditReserved.class::isInstance).hasSize(ORDERS / 50 * 49);
		assertThat(answers).filteredOn(CreditLimitExceeded.class::isInstance).hasSize(ORDERS / 50);
		assertThat(answers).filteredOn(CreditReleased.class::isInstance).hasSize(ORDERS / 10);
		assertThat(
				mongo.count(Query.query(Criteria.where("customerId").is(customer.id().toString())), ClosedOrder.class))
			.as("the older closed entries moved out")
			.isGreaterThan(ORDERS - properties.closedLimit());

		// the oldest decisions, long moved out, and a sample of all the others
		List<Delivery> redeliveries = IntStream.range(0, first.size())
			.filter(i -> i < 300 || i % 7 == 0)
			.mapToObj(first::get)
			.toList();
		for (Delivery delivery : redeliveries) {
			assertThat(ledger.on(delivery.event()).orElse(null)).as("redelivered %s", delivery.event())
				.isEqualTo(delivery.answer());
		}
		assertThat(ledger.on(created(customer, cancelledFirst, 10))).as("cancelled long before it was created")
			.isEmpty();
		assertThat(ledger.on(created(customer, open, 300))).contains(openReserved);
		assertThat(reload(customer).available()).as("redeliveries moved no credit").isEqualTo(700);
	}

	/**
	 * One consumer's share of the orders, each created and then completed or cancelled;
	 * every 50th is over the credit left.
	 */
	private List<Delivery> placeOrders(Customer customer, int consumer) {
		List<Delivery> deliveries = new ArrayList<>();
		for (int i = consumer; i < ORDERS; i += CONSUMERS) {
			OrderId order = newOrder();
			boolean refused = i % 50 == 7;
			OrderCreated created = created(customer, order, refused ? 800 : 10);
			deliveries.add(new Delivery(created, ledger.on(created).orElseThrow()));
			if (!refused) {
				OrderEvent closing = i % 10 == 3 ? new OrderCancelled(order, customer.id())
						: new OrderCompleted(order, customer.id());
				deliveries.add(new Delivery(closing, ledger.on(closing).orElse(null)));
			}
			if (i % 1_000 == 0) {
				assertBounded(customer);
			}
		}
		return deliveries;
	}

	private Customer assertBounded(Customer customer) {
		Customer stored = reload(customer);
		assertThat(stored.closedEntries()).as("closed entries; each consumer may close one before it moves them out")
			.isLessThanOrEqualTo(properties.closedLimit() + CONSUMERS);
		Document document = mongo.findById(customer.id().toString(), Document.class, "customers");
		assertThat(new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().remaining())
			.as("stored BSON size of the customer document")
			.isLessThan(MAX_DOCUMENT_BYTES);
		return stored;
	}

	private record Delivery(OrderEvent event, CreditEvent answer) {
	}

	private static OrderCreated created(Customer customer, OrderId order, long amount) {
		return new OrderCreated(order, customer.id(), Money.of(amount, "KRW"), Instant.parse("2026-12-01T10:00:00Z"));
	}

}
