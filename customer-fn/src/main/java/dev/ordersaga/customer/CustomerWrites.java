package dev.ordersaga.customer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Writes of a customer, each one conditional and atomic on the customer's document (no
 * multi-document transaction, no read-modify-write race). Profile events travel in the
 * same write through the outbox.
 */
public interface CustomerWrites {

	/**
	 * Inserts a new customer with its profile events in the outbox.
	 * @throws org.springframework.dao.DuplicateKeyException when a customer with that id
	 * exists
	 */
	void insert(Customer customer, List<ProfileEvent> outbox);

	/**
	 * Reserves credit for an order in one conditional atomic update: only if the customer
	 * exists, has the reservation's currency and at least its amount available, has no
	 * entry for this order, and moved no closed entries out since it was read with
	 * {@code pruned} (so that {@link ClosedOrders}, read after that, knows every order
	 * decided before).
	 * @return the available credit right after the reservation, or empty when any
	 * condition failed (read the customer to find out which)
	 */
	OptionalLong reserve(CustomerId customer, String currency, long pruned, Reservation reservation);

	/**
	 * Records a refusal, unless the order was decided meanwhile, the credit now covers
	 * it, or closed entries were moved out since the customer was read with
	 * {@code pruned}.
	 * @return {@code false} when it was not recorded: decide again on a fresh read
	 */
	boolean refuse(CustomerId customer, long pruned, Refusal refusal);

	/**
	 * Records that an order was cancelled before any credit was reserved for it, unless
	 * the order was decided meanwhile or closed entries were moved out since the customer
	 * was read with {@code pruned}.
	 * @return {@code false} when it was not recorded: decide again on a fresh read
	 */
	boolean cancel(CustomerId customer, long pruned, Cancellation cancellation);

	/**
	 * Moves closed entries of the customer as read to {@link ClosedOrders}: first writes
	 * each closed order (idempotently: a closed order never changes), then removes the
	 * entries from the customer document in one update, conditional on no other move
	 * since the read, which also counts {@link Customer#pruned()} up.
	 * @return {@code false} when another move came first; the closed orders written are
	 * then duplicates of entries still in the customer, harmless
	 */
	boolean archive(Customer read, List<ClosedOrder> closed);

	/**
	 * Records the available credit announced for a reservation, unless one was recorded
	 * already.
	 * @return the recorded value, which is the one to announce
	 */
	long recordAvailableAfter(CustomerId customer, OrderId order, long availableAfter);

	/**
	 * Releases an open reservation, giving its credit back, in one conditional atomic
	 * update.
	 * @return the available credit right after the release, or empty when the reservation
	 * is no longer open
	 */
	OptionalLong release(CustomerId customer, Reservation reservation, Instant now);

	/**
	 * Records the available credit announced for a release, unless one was recorded
	 * already.
	 * @return the recorded value, which is the one to announce
	 */
	long recordAvailableAfterRelease(CustomerId customer, OrderId order, long availableAfter);

	/**
	 * Settles an open reservation (the order is paid, its credit is free again) in one
	 * conditional atomic update.
	 * @return {@code false} when the reservation is no longer open
	 */
	boolean settle(CustomerId customer, Reservation reservation, Instant now);

	/**
	 * Applies a change decided on {@code change.before()} if no other change was made
	 * through the API meanwhile; the credit limit moves the available credit by the
	 * limits' difference, atomically with concurrent credit movements, and never below
	 * zero.
	 * @return the customer as stored after the change, or empty when it changed meanwhile
	 * or the new limit no longer covers the open reservations: decide again on a fresh
	 * read
	 */
	Optional<Customer> update(CustomerChange.Changed change);

}
