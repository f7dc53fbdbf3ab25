package dev.ordersaga.customer.persistence;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ordersaga.customer.Cancellation;
import dev.ordersaga.customer.ClosedOrder;
import dev.ordersaga.customer.ClosedOrders;
import dev.ordersaga.customer.Customer;
import dev.ordersaga.customer.CustomerChange;
import dev.ordersaga.customer.CustomerChanges;
import dev.ordersaga.customer.CustomerFnTest;
import dev.ordersaga.customer.Customers;
import dev.ordersaga.customer.OrderId;
import dev.ordersaga.customer.Reservation;
import dev.ordersaga.support.money.Money;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditional writes decide on the stored document, not on what the caller read
 * before.
 */
class CustomerWritesTest extends CustomerFnTest {

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	@Autowired
	private Customers customers;

	@Autowired
	private ClosedOrders closedOrders;

	@Autowired
	private MongoTemplate mongo;

	@Test
	void movesTheAvailableCreditByTheLimitsDifferenceWhateverWasReservedSinceTheRead() {
		Customer read = customerWithLimit(100, "KRW");
		customers.reserve(read.id(), "KRW", 0, Reservation.open(newOrder(), 30, NOW));

		Customer stored = customers.update(raise(read, 150)).orElseThrow();

		assertThat(stored.creditLimit()).isEqualTo(Money.of(150, "KRW"));
		assertThat(stored.available()).isEqualTo(120);
		assertThat(stored.version()).isEqualTo(1);
	}

	@Test
	void refusesToLowerTheLimitBelowCreditReservedSinceTheRead() {
		Customer read = customerWithLimit(100, "KRW");
		customers.reserve(read.id(), "KRW", 0, Reservation.open(newOrder(), 80, NOW));

		assertThat(customers.update(raise(read, 50))).isEmpty();
		assertThat(management.change(read.id(), new CustomerChanges(null, null, null, Money.of(50, "KRW"))))
			.contains(new CustomerChange.LimitBelowOpenReservations(Money.of(50, "KRW"), Money.of(80, "KRW")));
		assertThat(reload(read).available()).isEqualTo(20);
	}

	@Test
	void refusesAChangeDecidedOnAnOutdatedVersion() {
		Customer read = customerWithLimit(100, "KRW");
		customers.update(raise(read, 200)).orElseThrow();

		assertThat(customers.update(raise(read, 300))).isEmpty();
		assertThat(reload(read).creditLimit()).isEqualTo(Money.of(200, "KRW"));
	}

	@Test
	void keepsTheFirstAvailableCreditRecordedForAReservation() {
		Customer customer = customerWithLimit(100, "KRW");
		OrderId order = newOrder();
		customers.reserve(customer.id(), "KRW", 0, Reservation.open(order, 30, NOW));

		assertThat(customers.recordAvailableAfter(customer.id(), order, 70)).isEqualTo(70);
		assertThat(customers.recordAvailableAfter(customer.id(), order, 12)).isEqualTo(70);
		assertThat(reload(customer).reservation(order).orElseThrow().availableAfter()).isEqualTo(70);
	}

	@Test
	void closesOnlyTheReservationOfTheGivenOrder() {
		Customer customer = customerWithLimit(100, "KRW");
		OrderId kept = newOrder();
		OrderId released = newOrder();
		customers.reserve(customer.id(), "KRW", 0, Reservation.open(kept, 10, NOW));
		customers.reserve(customer.id(), "KRW", 0, Reservation.open(released, 20, NOW));
		Reservation held = reload(customer).reservation(released).orElseThrow();

		assertThat(customers.release(customer.id(), held, NOW)).hasValue(90);
		assertThat(customers.release(customer.id(), held, NOW)).as("no longer open").isEmpty();

		Customer after = reload(customer);
		assertThat(after.reservation(kept).orElseThrow().status()).isEqualTo(Reservation.Status.OPEN);
		assertThat(after.reservation(released).orElseThrow().status()).isEqualTo(Reservation.Status.RELEASED);
		assertThat(after.reservation(released).orElseThrow().closedAt()).isEqualTo(NOW);
		assertThat(after.available()).isEqualTo(90);
	}

	@Test
	void decidesOnCustomersStoredBeforeClosedEntriesEverMovedOut() {
		Customer customer = customerWithLimit(100, "KRW");
		mongo.updateFirst(Query.query(Criteria.where("_id").is(customer.id().toString())),
				new Update().unset("pruned").unset("cancellations"), "customers");

		assertThat(customers.reserve(customer.id(), "KRW", 0, Reservation.open(newOrder(), 30, NOW))).hasValue(70);
		assertThat(customers.cancel(customer.id(), 0, new Cancellation(newOrder(), NOW))).isTrue();
		assertThat(reload(customer).pruned()).isZero();
	}

	@Test
	void movesClosedEntriesOutOnlyIfNoneMovedSinceTheRead() {
		Customer customer = customerWithLimit(100, "KRW");
		OrderId settled = newOrder();
		OrderId cancelled = newOrder();
		customers.reserve(customer.id(), "KRW", 0, Reservation.open(settled, 30, NOW));
		customers.recordAvailableAfter(customer.id(), settled, 70);
		customers.settle(customer.id(), reload(customer).reservation(settled).orElseThrow(), NOW);
		customers.cancel(customer.id(), 0, new Cancellation(cancelled, NOW));
		Customer read = reload(customer);
		List<ClosedOrder> closed = read.closedBeyond(0);
		assertThat(closed).extracting(ClosedOrder::orderId).containsExactlyInAnyOrder(settled, cancelled);

		assertThat(customers.archive(read, closed)).isTrue();
		assertThat(customers.archive(read, closed)).as("decided on an outdated read").isFalse();

		Customer after = reload(customer);
		assertThat(after.pruned()).isEqualTo(1);
		assertThat(after.reservations()).isEmpty();
		assertThat(after.cancellations()).isEmpty();
		assertThat(after.available()).isEqualTo(100);
		assertThat(closedOrders.findById(settled).orElseThrow().reservation().status())
			.isEqualTo(Reservation.Status.SETTLED);
		assertThat(closedOrders.findById(cancelled).orElseThrow().cancellation())
			.isEqualTo(new Cancellation(cancelled, NOW));
		assertThat(customers.reserve(customer.id(), "KRW", 0, Reservation.open(newOrder(), 10, NOW)))
			.as("reserving on a read from before the move")
			.isEmpty();
	}

	private static CustomerChange.Changed raise(Customer read, long limit) {
		return (CustomerChange.Changed) read.change(new CustomerChanges(null, null, null, Money.of(limit, "KRW")), NOW);
	}

}
