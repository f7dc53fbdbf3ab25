package dev.ordersaga.customer;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.ordersaga.customer.ProfileEvent.CustomerRegistered;
import dev.ordersaga.customer.ProfileEvent.CustomerUpdated;
import dev.ordersaga.support.money.Money;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer, their credit limit and the credit reserved for their orders. Immutable:
 * decisions return values, and the writes in {@link CustomerWrites} apply them to the
 * stored document atomically.
 * <p>
 * Invariant: {@code available = creditLimit − open reservations ≥ 0}. Every credit
 * movement is one conditional atomic update of this one document, so concurrent orders of
 * one customer can never overdraw it, whatever the number of consumers.
 * <p>
 * The document keeps every reservation and refusal, closed ones included: they are how a
 * redelivered order event is recognised and answered identically. Closed entries older
 * than the redelivery horizon (consumer lag plus the dead-letter replay window) could be
 * pruned; until then a customer's document grows with their order count, the price of
 * single-document atomicity without transactions.
 *
 * @param locale BCP 47 language tag the customer is written to in
 * @param creditLimit the most credit the customer's open orders may hold; its currency is
 * the customer's currency
 * @param available credit not held by open reservations, minor units of the customer's
 * currency
 * @param reservations credit held or once held for orders, one entry per order
 * @param refusals orders refused for lack of credit, one entry per order; never an order
 * that has a reservation
 * @param version 0 when registered, one more with every change made through the API
 * (credit movements do not count); names the profile events
 */
@Document("customers")
public record Customer(@Id CustomerId id, String name, String email, String locale, Money creditLimit, long available,
		List<Reservation> reservations, List<Refusal> refusals, Instant createdAt, long version) {

	public Customer {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(email, "email");
		Objects.requireNonNull(locale, "locale");
		Objects.requireNonNull(creditLimit, "creditLimit");
		reservations = reservations == null ? List.of() : List.copyOf(reservations);
		refusals = refusals == null ? List.of() : List.copyOf(refusals);
	}

	/**
	 * A new customer with all of their credit available.
	 * @throws IllegalArgumentException when the credit limit is negative
	 */
	public static Customer register(CustomerId id, String name, String email, String locale, Money creditLimit,
			Instant now) {
		if (creditLimit.isNegative()) {
			throw new IllegalArgumentException("A credit limit cannot be negative");
		}
		return new Customer(id, name, email, locale, creditLimit, creditLimit.amount(), List.of(), List.of(), now, 0);
	}

	public String currency() {
		return creditLimit.currency();
	}

	public Money availableCredit() {
		return Money.of(available, currency());
	}

	/** The credit held by open reservations. */
	public Money openReservations() {
		return Money.of(reservations.stream().filter(Reservation::isOpen).mapToLong(Reservation::amount).sum(),
				currency());
	}

	public Optional<Reservation> reservation(OrderId order) {
		return reservations.stream().filter(reservation -> reservation.orderId().equals(order)).findFirst();
	}

	public Optional<Refusal> refusal(OrderId order) {
		return refusals.stream().filter(refusal -> refusal.orderId().equals(order)).findFirst();
	}

	/**
	 * Decides on an order's credit once the atomic reservation did not go through: was
	 * the order decided before, or must it be refused? Answers
	 * {@link CreditCheck.Coverable} when the credit would now cover it (freed meanwhile),
	 * so that the reservation is simply tried again.
	 */
	public CreditCheck check(OrderId order, Money amount, Instant now) {
		Optional<Reservation> reserved = reservation(order);
		if (reserved.isPresent()) {
			return new CreditCheck.AlreadyReserved(reserved.get());
		}
		Optional<Refusal> refused = refusal(order);
		if (refused.isPresent()) {
			return new CreditCheck.AlreadyRefused(refused.get());
		}
		if (amount.hasCurrency(currency()) && amount.amount() <= available) {
			return new CreditCheck.Coverable();
		}
		return new CreditCheck.NotCoverable(new Refusal(order, amount, available, now));
	}

	/**
	 * Applies a change of profile and/or credit limit. A new limit keeps the credit held
	 * by open reservations: the available credit moves by the difference between the
	 * limits. The profile event is announced only when the contact data changed.
	 */
	public CustomerChange change(CustomerChanges changes, Instant now) {
		Money limit = Objects.requireNonNullElse(changes.creditLimit(), creditLimit);
		if (!limit.hasCurrency(currency())) {
			return new CustomerChange.CurrencyChangeRefused(currency(), limit.currency());
		}
		Money open = openReservations();
		if (limit.compareTo(open) < 0) {
			return new CustomerChange.LimitBelowOpenReservations(limit, open);
		}
		String newName = Objects.requireNonNullElse(changes.name(), name);
		String newEmail = Objects.requireNonNullElse(changes.email(), email);
		String newLocale = Objects.requireNonNullElse(changes.locale(), locale);
		boolean profileChanged = !newName.equals(name) || !newEmail.equals(email) || !newLocale.equals(locale);
		if (!profileChanged && limit.equals(creditLimit)) {
			return new CustomerChange.Unchanged(this);
		}
		long nextVersion = version + 1;
		Customer next = new Customer(id, newName, newEmail, newLocale, limit,
				Math.addExact(available, limit.amount() - creditLimit.amount()), reservations, refusals, createdAt,
				nextVersion);
		Optional<ProfileEvent> announced = profileChanged
				? Optional.of(new CustomerUpdated(id, newName, newEmail, newLocale, nextVersion, now))
				: Optional.empty();
		return new CustomerChange.Changed(this, next, announced);
	}

	public CustomerRegistered registered() {
		return new CustomerRegistered(id, name, email, locale, version, createdAt);
	}
}
