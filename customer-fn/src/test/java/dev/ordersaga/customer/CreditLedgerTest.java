package dev.ordersaga.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import io.micrometer.core.instrument.MeterRegistry;
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
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credit steps against MongoDB semantics, including many consumers deciding on one
 * customer at once.
 */
class CreditLedgerTest extends CustomerFnTest {

	private static final int THREADS = 8;

	@Autowired
	private CreditLedger ledger;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private MeterRegistry meters;

	@Test
	void reservesExactlyTheLimitWhenManyOrdersCompeteForOneCustomer() throws Exception {
		Customer customer = customerWithLimit(50, "KRW");
		List<OrderId> orders = IntStream.range(0, 200).mapToObj(i -> newOrder()).toList();

		List<CreditEvent> decisions = concurrently(
				orders.stream().<Callable<CreditEvent>>map(order -> () -> reserve(customer, order, 1)).toList());

		List<CreditReserved> reserved = ofType(decisions, CreditReserved.class);
		assertThat(reserved).hasSize(50);
		assertThat(ofType(decisions, CreditLimitExceeded.class)).hasSize(150);
		assertThat(reserved.stream().map(event -> event.availableAfter().amount()))
			.as("every reservation saw the credit its own update left")
			.containsExactlyInAnyOrderElementsOf(LongStream.range(0, 50).boxed().toList());
		Customer after = reload(customer);
		assertThat(after.available()).isZero();
		assertThat(after.reservations()).hasSize(50);
		assertThat(decidedOrders(after)).hasSize(200);
	}

	@Test
	void decidesEachOrderOnceWhenItsEventsAreDeliveredTwiceAtTheSameTime() throws Exception {
		Customer customer = customerWithLimit(60, "KRW");
		List<OrderId> orders = IntStream.range(0, 100).mapToObj(i -> newOrder()).toList();
		List<Callable<CreditEvent>> deliveries = new ArrayList<>();
		for (OrderId order : orders) {
			deliveries.add(() -> reserve(customer, order, 1));
			deliveries.add(() -> reserve(customer, order, 1));
		}

		List<CreditEvent> decisions = concurrently(deliveries);

		for (int i = 0; i < decisions.size(); i += 2) {
			assertThat(decisions.get(i + 1)).as("both deliveries of one order").isEqualTo(decisions.get(i));
		}
		assertThat(ofType(decisions, CreditReserved.class)).hasSize(120);
		Customer after = reload(customer);
		assertThat(after.reservations()).hasSize(60);
		assertThat(decidedOrders(after)).containsExactlyInAnyOrderElementsOf(orders);
		assertThat(after.available()).isZero();
	}

	@Test
	void keepsAvailableCreditEqualToLimitLessOpenReservationsUnderConcurrentSteps() throws Exception {
		Customer customer = customerWithLimit(100, "KRW");
		List<OrderId> orders = IntStream.range(0, 150).mapToObj(i -> newOrder()).toList();
		List<Callable<CreditEvent>> steps = new ArrayList<>();
		for (int i = 0; i < orders.size(); i++) {
			OrderId order = orders.get(i);
			// a cancellation may come first: the order then reserves nothing
			steps.add(() -> ledger.on(new OrderCreated(order, customer.id(), Money.of(2, "KRW"), Instant.now()))
				.orElse(null));
			if (i % 3 == 0) {
				steps.add(() -> ledger.on(new OrderCancelled(order, customer.id())).orElse(null));
			}
			if (i % 3 == 1) {
				steps.add(() -> ledger.on(new OrderCompleted(order, customer.id())).orElse(null));
			}
			if (i % 10 == 0) {
				long limit = 100 + i;
				steps.add(() -> {
					management.change(customer.id(), new CustomerChanges(null, null, null, Money.of(limit, "KRW")));
					return null;
				});
			}
		}

		concurrently(steps);

		Customer after = reload(customer);
		assertThat(after.available()).isNotNegative()
			.isEqualTo(after.creditLimit().amount() - after.openReservations().amount());
		assertThat(decidedOrders(after)).as("every order decided").containsExactlyInAnyOrderElementsOf(orders);
	}

	@Test
	void releasesACancelledOrdersCreditOnceWhenTheCancellationIsDeliveredConcurrently() throws Exception {
		Customer customer = customerWithLimit(100, "KRW");
		OrderId order = newOrder();
		reserve(customer, order, 40);

		List<CreditEvent> releases = concurrently(IntStream.range(0, 16)
			.<Callable<CreditEvent>>mapToObj(
					i -> () -> ledger.on(new OrderCancelled(order, customer.id())).orElseThrow())
			.toList());

		assertThat(releases).hasSize(16).allSatisfy(release -> assertThat(release).isEqualTo(releases.getFirst()));
		assertThat(((CreditReleased) releases.getFirst()).availableAfter()).isEqualTo(Money.of(100, "KRW"));
		assertThat(reload(customer).available()).isEqualTo(100);
	}

	@Test
	void announcesTheThenAvailableCreditWhenTheProcessStoppedBeforeRecordingIt() {
		Customer customer = customerWithLimit(100, "KRW");
		OrderId order = newOrder();
		reserve(customer, order, 30);
		forgetRecordedAvailableAfter(customer, order);
		reserve(customer, newOrder(), 20);

		CreditEvent first = reserve(customer, order, 30);
		CreditEvent second = reserve(customer, order, 30);

		assertThat(first).isInstanceOfSatisfying(CreditReserved.class,
				reserved -> assertThat(reserved.availableAfter()).isEqualTo(Money.of(50, "KRW")));
		assertThat(second).isEqualTo(first);
	}

	@Test
	void countsDecisionsByOutcome() {
		double before = meters.counter("saga.credit.decisions", "outcome", "exceeded").count();
		Customer customer = customerWithLimit(10, "KRW");

		reserve(customer, newOrder(), 11);

		assertThat(meters.counter("saga.credit.decisions", "outcome", "exceeded").count()).isEqualTo(before + 1);
	}

	@Test
	void settlesOnlyOnceAndNeverAfterARelease() {
		Customer customer = customerWithLimit(100, "KRW");
		OrderId order = newOrder();
		reserve(customer, order, 40);
		ledger.on(new OrderCancelled(order, customer.id()));

		assertThat(ledger.on(new OrderCompleted(order, customer.id()))).isEmpty();

		assertThat(reload(customer).reservation(order).orElseThrow().status()).isEqualTo(Reservation.Status.RELEASED);
		assertThat(reload(customer).available()).isEqualTo(100);
	}

	@Test
	void reservesNothingForAnOrderWhoseCancellationCameFirst() {
		Customer customer = customerWithLimit(100, "KRW");
		OrderId order = newOrder();
		OrderCreated created = new OrderCreated(order, customer.id(), Money.of(40, "KRW"), Instant.now());

		assertThat(ledger.on(new OrderCancelled(order, customer.id()))).as("nothing held yet").isEmpty();
		assertThat(ledger.on(created)).as("a late order.created.v1").isEmpty();
		assertThat(ledger.on(created)).as("and its redelivery").isEmpty();
		assertThat(ledger.on(new OrderCancelled(order, customer.id()))).isEmpty();

		Customer after = reload(customer);
		assertThat(after.available()).isEqualTo(100);
		assertThat(after.reservation(order)).isEmpty();
		assertThat(after.cancellation(order)).isPresent();
	}

	@Test
	void leavesNoCreditHeldWhateverComesFirstOfAnOrdersCreationAndCancellation() throws Exception {
		Customer customer = customerWithLimit(1_000, "KRW");
		List<OrderId> orders = IntStream.range(0, 120).mapToObj(i -> newOrder()).toList();
		List<Callable<CreditEvent>> steps = new ArrayList<>();
		for (OrderId order : orders) {
			steps.add(() -> ledger.on(new OrderCreated(order, customer.id(), Money.of(5, "KRW"), Instant.now()))
				.orElse(null));
			steps.add(() -> ledger.on(new OrderCancelled(order, customer.id())).orElse(null));
		}

		List<CreditEvent> decisions = concurrently(steps);

		Set<OrderId> reserved = new HashSet<>();
		Set<OrderId> released = new HashSet<>();
		ofType(decisions, CreditReserved.class).forEach(event -> reserved.add(event.orderId()));
		ofType(decisions, CreditReleased.class).forEach(event -> released.add(event.orderId()));
		assertThat(released).as("every reservation announced is released").isEqualTo(reserved);
		Customer after = reload(customer);
		assertThat(after.openReservations()).isEqualTo(Money.of(0, "KRW"));
		assertThat(after.available()).isEqualTo(1_000);
	}

	private CreditEvent reserve(Customer customer, OrderId order, long amount) {
		return ledger.on(new OrderCreated(order, customer.id(), Money.of(amount, "KRW"), Instant.now())).orElseThrow();
	}

	private void forgetRecordedAvailableAfter(Customer customer, OrderId order) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(customer.id().toString())),
				new Update().unset("reservations.$[entry].availableAfter")
					.filterArray(Criteria.where("entry.orderId").is(order.toString())),
				"customers");
		assertThat(reload(customer).reservation(order).orElseThrow().availableAfter()).isNull();
	}

	/**
	 * The orders decided, in the customer document or moved out of it (a closed order may
	 * briefly be in both).
	 */
	private Set<OrderId> decidedOrders(Customer customer) {
		Set<OrderId> decided = new HashSet<>();
		customer.reservations().forEach(reservation -> decided.add(reservation.orderId()));
		customer.refusals().forEach(refusal -> decided.add(refusal.orderId()));
		customer.cancellations().forEach(cancellation -> decided.add(cancellation.orderId()));
		mongo.find(Query.query(Criteria.where("customerId").is(customer.id().toString())), ClosedOrder.class)
			.forEach(closed -> decided.add(closed.orderId()));
		return decided;
	}

	private static <T> List<T> concurrently(Collection<Callable<T>> tasks) throws Exception {
		try (ExecutorService executor = Executors.newFixedThreadPool(THREADS)) {
			List<T> results = new ArrayList<>();
			for (Future<T> future : executor.invokeAll(tasks)) {
				results.add(future.get());
			}
			return results;
		}
	}

	private static <T> List<T> ofType(List<? super T> events, Class<T> type) {
		return events.stream().filter(type::isInstance).map(type::cast).toList();
	}

}
