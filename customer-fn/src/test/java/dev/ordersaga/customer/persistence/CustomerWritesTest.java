package dev.ordersaga.customer.persistence;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.ordersaga.customer.Customer;
import dev.ordersaga.customer.CustomerChange;
import dev.ordersaga.customer.CustomerChanges;
import dev.ordersaga.customer.CustomerFnTest;
import dev.ordersaga.customer.Customers;
import dev.ordersaga.customer.OrderId;
import dev.ordersaga.customer.Reservation;
import dev.ordersaga.support.money.Money;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditional writes decide on the stored document, not on what the caller read
 * before.
 */
class CustomerWritesTest extends CustomerFnTest {

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	@Autowired
	private Customers customers;

	@Test
	void movesTheAvailableCreditByTheLimitsDifferenceWhateverWasReservedSinceTheRead() {
		Customer read = customerWithLimit(100, "KRW");
		customers.reserve(read.id(), "KRW", Reservation.open(newOrder(), 30, NOW));

		Customer stored = customers.update(raise(read, 150)).orElseThrow();

		assertThat(stored.creditLimit()).isEqualTo(Money.of(150, "KRW"));
		assertThat(stored.available()).isEqualTo(120);
		assertThat(stored.version()).isEqualTo(1);
	}

	@Test
	void refusesToLowerTheLimitBelowCreditReservedSinceTheRead() {
		Customer read = customerWithLimit(100, "KRW");
		customers.reserve(read.id(), "KRW", Reservation.open(newOrder(), 80, NOW));

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
		customers.reserve(customer.id(), "KRW", Reservation.open(order, 30, NOW));

		assertThat(customers.recordAvailableAfter(customer.id(), order, 70)).isEqualTo(70);
		assertThat(customers.recordAvailableAfter(customer.id(), order, 12)).isEqualTo(70);
		assertThat(reload(customer).reservation(order).orElseThrow().availableAfter()).isEqualTo(70);
	}

	@Test
	void closesOnlyTheReservationOfTheGivenOrder() {
		Customer customer = customerWithLimit(100, "KRW");
		OrderId kept = newOrder();
		OrderId released = newOrder();
		customers.reserve(customer.id(), "KRW", Reservation.open(kept, 10, NOW));
		customers.reserve(customer.id(), "KRW", Reservation.open(released, 20, NOW));
		Reservation held = reload(customer).reservation(released).orElseThrow();

		assertThat(customers.release(customer.id(), held, NOW)).hasValue(90);
		assertThat(customers.release(customer.id(), held, NOW)).as("no longer open").isEmpty();

		Customer after = reload(customer);
		assertThat(after.reservation(kept).orElseThrow().status()).isEqualTo(Reservation.Status.OPEN);
		assertThat(after.reservation(released).orElseThrow().status()).isEqualTo(Reservation.Status.RELEASED);
		assertThat(after.reservation(released).orElseThrow().closedAt()).isEqualTo(NOW);
		assertThat(after.available()).isEqualTo(90);
	}

	private static CustomerChange.Changed raise(Customer read, long limit) {
		return (CustomerChange.Changed) read.change(new CustomerChanges(null, null, null, Money.of(limit, "KRW")), NOW);
	}

}
