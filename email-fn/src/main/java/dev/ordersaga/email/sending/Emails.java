package dev.ordersaga.email.sending;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.ordersaga.email.CustomerId;
import dev.ordersaga.email.OrderId;

/**
 * The mail log. Every write is atomic on one document, and an outcome
 * ({@code EmailSent}/{@code EmailFailed}) travels in the outbox of the same write, so it
 * is published if and only if the outcome is stored.
 */
public interface Emails {

	Optional<Email> findById(String id);

	List<Email> findByOrderId(OrderId orderId);

	List<Email> findWaitingForCustomer(CustomerId customerId);

	/** The order's e-mails still waiting for a contact; looked up by their ids. */
	List<Email> findWaitingForOrder(OrderId orderId);

	/**
	 * At most {@code limit} e-mails a dispatcher is to handle by {@code by} and may have
	 * lost (its instance died, or its in-process schedule overflowed): due ones, those
	 * sending under a lease that lapses, and those whose wait for the contact ends.
	 */
	List<Email> findOverdue(Instant by, int limit);

	/**
	 * Stores a new request, with its outcome in the outbox when it is final already (e.g.
	 * an unusable address).
	 * @throws org.springframework.dao.DuplicateKeyException when the order has an e-mail
	 * of this kind already
	 */
	void insert(Email email);

	/**
	 * Replaces {@code current} by {@code next} unless somebody changed it since it was
	 * read (optimistic concurrency on the version). When {@code next} reached its
	 * outcome, the outcome event goes into the outbox.
	 * @return {@code false} when the entry changed meanwhile
	 */
	boolean update(Email current, Email next);

	/**
	 * Publishes a final entry's outcome once more, identical to the first time: the
	 * answer to a redelivery.
	 */
	void announceAgain(Email email);

	/**
	 * Claims an e-mail that {@link Email#dueAt is due} for sending. The claim is one
	 * version-conditional update by id, so two dispatchers never hold the same e-mail.
	 * @return the claimed e-mail, {@code SENDING} until {@code leaseUntil}; empty when
	 * another dispatcher changed it first
	 */
	Optional<Email> claim(Email due, Instant leaseUntil);

}
