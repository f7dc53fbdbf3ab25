package dev.ordersaga.customer;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

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
 * The document keeps every open reservation and the most recent closed entries (settled
 * or released reservations, refusals, cancellations). Older closed entries move to
 * {@link ClosedOrders}, one document per order, so the customer document stays bounded
 * however many orders the customer places. A redelivered order event is recognised by its
 * entry here or, failing that, by its closed order; {@link #pruned()} changes with every
 * such move, and each write that decides on an order not found here is conditional on it,
 * so an order can never slip between the two places unseen.
 *
 * @param locale BCP 47 language tag the customer is written to in
 * @param creditLimit the most credit the customer's open orders may hold; its currency is
 * the customer's currency
 * @param available credit not held by open reservations, minor units of the customer's
 * currency
 * @param reservations credit held or once held for orders, one entry per order
 * @param refusals orders refused for lack of credit, one entry per order; never an order
 * that has a reservation
 * @param cancellations orders cancelled before their credit was reserved, one entry per
 * order; never an order that has a reservation or a refusal
 * @param version 0 when registered, one more with every change made through the API
 * (credit movements do not count); names the profile events
 * @param pruned how many times closed entries were moved to {@link ClosedOrders}
 */
@Document("customers")
public record Customer(@Id CustomerId id, String name, String email, String locale, Money creditLimit, long available,
		List<Reservation> reservations, List<Refusal> refusals, List<Cancellation> cancellations, Instant createdAt,
		long version, Long pruned) {

	public Customer {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(email, "email");
		Objects.requireNonNull(locale, "locale");
		Objects.requireNonNull(creditLimit, "creditLimit");
		reservations = reservations == null ? List.of() : List.copyOf(reservations);
		refusals = refusals == null ? List.of() : List.copyOf(refusals);
		cancellations = cancellations == null ? List.of() : List.copyOf(cancellations);
		// absent from documents stored before closed entries ever moved out
		pruned = Objects.requireNonNullElse(pruned, 0L);
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
		return new Customer(id, name, email, locale, creditLimit, creditLimit.amount(), List.of(), List.of(), List.of(),
				now, 0, 0L);
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

	public Optional<Cancellation> cancellation(OrderId order) {
		return cancellations.stream().filter(cancellation -> cancellation.orderId().equals(order)).findFirst();
	}

	/**
	 * Whether this document holds any decision on the order. When it does not and
	 * {@link #pruned()} is 0, the order was never decided: nothing was ever moved out.
	 */
	public boolean decided(OrderId order) {
		return reservation(order).isPresent() || refusal(order).isPresent() || cancellation(order).isPresent();
	}

	/**
	 * Decides on an order's credit as far as this document tells: was the order decided
	 * before, can the credit cover it, or must it be refused? An order this document does
	 * not know may still have been decided long ago ({@link ClosedOrders}): ask there
	 * before acting on {@link CreditCheck.Coverable} or {@link CreditCheck.NotCoverable}.
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
		Optional<Cancellation> cancelled = cancellation(order);
		if (cancelled.isPresent()) {
			return new CreditCheck.AlreadyCancelled(cancelled.get());
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
				Math.addExact(available, limit.amount() - creditLimit.amount()), reservations, refusals, cancellations,
				createdAt, nextVersion, pruned);
		Optional<ProfileEvent> announced = profileChanged
				? Optional.of(new CustomerUpdated(id, newName, newEmail, newLocale, nextVersion, now))
				: Optional.empty();
		return new CustomerChange.Changed(this, next, announced);
	}

	/**
	 * The entries that can no longer change: settled or released reservations, refusals,
	 * cancellations.
	 */
	public int closedEntries() {
		return Math.toIntExact(reservations.stream().filter(reservation -> !reservation.isOpen()).count()
				+ refusals.size() + cancellations.size());
	}

	/**
	 * The closed entries to move to {@link ClosedOrders}: all but the {@code kept} most
	 * recently closed. A reservation whose announced credit is not recorded yet stays (a
	 * redelivery of its event is about to record it here).
	 */
	public List<ClosedOrder> closedBeyond(int kept) {
		return Stream
			.of(reservations.stream()
				.filter(reservation -> !reservation.isOpen() && reservation.availableAfter() != null
						&& (reservation.status() != Reservation.Status.RELEASED
								|| reservation.availableAfterRelease() != null))
				.map(reservation -> ClosedOrder.of(id, reservation)),
					refusals.stream().map(refusal -> ClosedOrder.of(id, refusal)),
					cancellations.stream().map(cancellation -> ClosedOrder.of(id, cancellation)))
			.flatMap(entries -> entries)
			.sorted(Comparator.comparing(ClosedOrder::closedAt).reversed())
			.skip(kept)
			.toList();
	}

	public CustomerRegistered registered() {
		return new CustomerRegistered(id, name, email, locale, version, createdAt);
	}
}
