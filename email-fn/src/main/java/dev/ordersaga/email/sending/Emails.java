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

	List<Email> findWaitingForOrder(OrderId orderId);

	/** The e-mails waiting for a contact, those that wait longest first. */
	List<Email> findWaiting(int limit);

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
	 * Claims the most overdue e-mail for sending: one {@code QUEUED} whose time has come,
	 * or one left {@code SENDING} by a dispatcher whose lease lapsed. The claim is one
	 * conditional update, so two dispatchers never hold the same e-mail.
	 * @return the claimed e-mail, {@code SENDING} until {@code leaseUntil}
	 */
	Optional<Email> claimNextDue(Instant now, Instant leaseUntil);

}
