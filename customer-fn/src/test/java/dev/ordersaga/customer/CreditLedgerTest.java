package dev.ordersaga.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
		assertThat(after.refusals()).hasSize(150);
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
		assertThat(after.refusals()).hasSize(40);
		assertThat(after.available()).isZero();
	}

	@Test
	void keepsAvailableCreditEqualToLimitLessOpenReservationsUnderConcurrentSteps() throws Exception {
		Customer customer = customerWithLimit(100, "KRW");
		List<OrderId> orders = IntStream.range(0, 150).mapToObj(i -> newOrder()).toList();
		List<Callable<CreditEvent>> steps = new ArrayList<>();
		for (int i = 0; i < orders.size(); i++) {
			OrderId order = orders.get(i);
			steps.add(() -> reserve(customer, order, 2));
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
		assertThat(after.reservations().size() + after.refusals().size()).isEqualTo(orders.size());
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
