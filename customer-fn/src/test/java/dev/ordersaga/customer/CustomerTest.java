package dev.ordersaga.customer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ordersaga.customer.ProfileEvent.CustomerUpdated;
import dev.ordersaga.support.money.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CustomerTest {

	private static final Instant REGISTERED = Instant.parse("2026-11-25T09:00:00Z");

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	private final OrderId order = new OrderId(UUID.randomUUID());

	@Test
	void registersWithTheWholeCreditLimitAvailable() {
		Customer customer = customer(100_000);

		assertThat(customer.availableCredit()).isEqualTo(Money.of(100_000, "KRW"));
		assertThat(customer.openReservations()).isEqualTo(Money.zero("KRW"));
		assertThat(customer.version()).isZero();
		assertThat(customer.registered().version()).isZero();
		assertThat(customer.registered().occurredAt()).isEqualTo(REGISTERED);
	}

	@Test
	void registersACustomerWithoutCredit() {
		assertThat(customer(0).availableCredit()).isEqualTo(Money.zero("KRW"));
	}

	@Test
	void refusesToRegisterANegativeCreditLimit() {
		assertThatIllegalArgumentException().isThrownBy(() -> customer(-1));
	}

	@Test
	void reannouncesTheReservationOfAnOrderAlreadyReserved() {
		Reservation reservation = new Reservation(order, 30_000, Reservation.Status.OPEN, REGISTERED, 70_000L, null,
				null);
		Customer customer = customer(100_000, 70_000, List.of(reservation), List.of());

		assertThat(customer.check(order, Money.of(30_000, "KRW"), NOW))
			.isEqualTo(new CreditCheck.AlreadyReserved(reservation));
	}

	@Test
	void reannouncesAReservationEvenAfterItWasReleased() {
		Reservation released = new Reservation(order, 30_000, Reservation.Status.RELEASED, REGISTERED, 70_000L,
				REGISTERED, 100_000L);
		Customer customer = customer(100_000, 100_000, List.of(released), List.of());

		assertThat(customer.check(order, Money.of(30_000, "KRW"), NOW))
			.isEqualTo(new CreditCheck.AlreadyReserved(released));
	}

	@Test
	void refusesARefusedOrderAgainEvenWhenCreditWouldNowCoverIt() {
		Refusal refusal = new Refusal(order, Money.of(150_000, "KRW"), 100_000, REGISTERED);
		Customer customer = customer(1_000_000, 1_000_000, List.of(), List.of(refusal));

		assertThat(customer.check(order, Money.of(150_000, "KRW"), NOW))
			.isEqualTo(new CreditCheck.AlreadyRefused(refusal));
	}

	@Test
	void refusesAnOrderOverTheAvailableCredit() {
		Customer customer = customer(100_000, 20_000, List.of(new Reservation(new OrderId(UUID.randomUUID()), 80_000,
				Reservation.Status.OPEN, REGISTERED, 20_000L, null, null)), List.of());

		assertThat(customer.check(order, Money.of(20_001, "KRW"), NOW))
			.isEqualTo(new CreditCheck.NotCoverable(new Refusal(order, Money.of(20_001, "KRW"), 20_000, NOW)));
	}

	@Test
	void refusesAnOrderInAnotherCurrency() {
		assertThat(customer(100_000).check(order, Money.of(1, "EUR"), NOW))
			.isEqualTo(new CreditCheck.NotCoverable(new Refusal(order, Money.of(1, "EUR"), 100_000, NOW)));
	}

	@Test
	void findsAnOrderCoverableWhenTheCreditSufficesExactly() {
		assertThat(customer(100_000).check(order, Money.of(100_000, "KRW"), NOW))
			.isEqualTo(new CreditCheck.Coverable());
	}

	@Test
	void keepsTheOpenReservationsWhenTheCreditLimitChanges() {
		Customer customer = customer(100_000, 70_000, List.of(open(30_000)), List.of());

		CustomerChange change = customer.change(new CustomerChanges(null, null, null, Money.of(50_000, "KRW")), NOW);

		assertThat(change).isInstanceOfSatisfying(CustomerChange.Changed.class, changed -> {
			assertThat(changed.after().creditLimit()).isEqualTo(Money.of(50_000, "KRW"));
			assertThat(changed.after().availableCredit()).isEqualTo(Money.of(20_000, "KRW"));
			assertThat(changed.after().version()).isEqualTo(1);
			assertThat(changed.profile()).as("the profile did not change").isEmpty();
		});
	}

	@Test
	void refusesACreditLimitBelowTheOpenReservations() {
		Customer customer = customer(100_000, 70_000, List.of(open(30_000)), List.of());

		assertThat(customer.change(new CustomerChanges(null, null, null, Money.of(29_999, "KRW")), NOW))
			.isEqualTo(new CustomerChange.LimitBelowOpenReservations(Money.of(29_999, "KRW"), Money.of(30_000, "KRW")));
	}

	@Test
	void acceptsACreditLimitThatJustCoversTheOpenReservations() {
		Customer customer = customer(100_000, 70_000, List.of(open(30_000)), List.of());

		CustomerChange change = customer.change(new CustomerChanges(null, null, null, Money.of(30_000, "KRW")), NOW);

		assertThat(change).isInstanceOfSatisfying(CustomerChange.Changed.class,
				changed -> assertThat(changed.after().available()).isZero());
	}

	@Test
	void refusesToChangeTheCurrencyOfTheCreditLimit() {
		assertThat(customer(100_000).change(new CustomerChanges(null, null, null, Money.of(100, "EUR")), NOW))
			.isEqualTo(new CustomerChange.CurrencyChangeRefused("KRW", "EUR"));
	}

	@Test
	void announcesAChangeOfContactDataAsTheNextVersionOfTheProfile() {
		Customer customer = customer(100_000);

		CustomerChange change = customer.change(new CustomerChanges(null, "new@example.com", "en-GB", null), NOW);

		assertThat(change).isInstanceOfSatisfying(CustomerChange.Changed.class, changed -> {
			assertThat(changed.after().email()).isEqualTo("new@example.com");
			assertThat(changed.after().name()).isEqualTo("Customer One");
			assertThat(changed.profile())
				.contains(new CustomerUpdated(customer.id(), "Customer One", "new@example.com", "en-GB", 1, NOW));
		});
	}

	@Test
	void changesNothingWhenAskedForWhatTheCustomerAlreadyIs() {
		Customer customer = customer(100_000);

		assertThat(customer.change(new CustomerChanges("Customer One", null, "ko", Money.of(100_000, "KRW")), NOW))
			.isEqualTo(new CustomerChange.Unchanged(customer));
	}

	private Reservation open(long amount) {
		return new Reservation(new OrderId(UUID.randomUUID()), amount, Reservation.Status.OPEN, REGISTERED, null, null,
				null);
	}

	private static Customer customer(long limit) {
		return Customer.register(new CustomerId(UUID.randomUUID()), "Customer One", "one@example.com", "ko",
				Money.of(limit, "KRW"), REGISTERED);
	}

	private static Customer customer(long limit, long available, List<Reservation> reservations,
			List<Refusal> refusals) {
		return new Customer(new CustomerId(UUID.randomUUID()), "Customer One", "one@example.com", "ko",
				Money.of(limit, "KRW"), available, reservations, refusals, List.of(), REGISTERED, 0, 0L);
	}

}
