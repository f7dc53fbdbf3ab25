package dev.ordersaga.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.customer.CreditEvent.CreditLimitExceeded;
import dev.ordersaga.customer.CreditEvent.CreditReleased;
import dev.ordersaga.customer.CreditEvent.CreditReserved;
import dev.ordersaga.customer.CreditEvent.CustomerNotFound;
import dev.ordersaga.customer.OrderEvent.OrderCancelled;
import dev.ordersaga.customer.OrderEvent.OrderCompleted;
import dev.ordersaga.customer.OrderEvent.OrderCreated;
import dev.ordersaga.support.money.Money;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The credit side of the saga: reserves credit when an order is created, releases it when
 * the order is cancelled, settles it when the order is completed.
 * <p>
 * Each step first tries its conditional atomic write; only when that misses does it read
 * the customer and decide why. Every order is decided once: a redelivered event finds its
 * decision stored in the customer document, or in {@link ClosedOrders} once it was moved
 * out, and re-announces it with the same body and time, hence the same {@code ce_id}.
 */
@Service
public class CreditLedger {

	private static final Logger log = LoggerFactory.getLogger(CreditLedger.class);

	private final Customers customers;

	private final ClosedOrders closedOrders;

	private final CustomerProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	public CreditLedger(Customers customers, ClosedOrders closedOrders, CustomerProperties properties, Clock clock,
			MeterRegistry meters) {
		this.customers = customers;
		this.closedOrders = closedOrders;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * @return the decision to announce; empty when the event needs no answer
	 */
	public Optional<CreditEvent> on(OrderEvent event) {
		return switch (event) {
			case OrderCreated created -> reserve(created);
			case OrderCancelled cancelled -> release(cancelled).map(CreditEvent.class::cast);
			case OrderCompleted completed -> {
				settle(completed);
				yield Optional.empty();
			}
		};
	}

	/**
	 * Reserves the order's total, or refuses it; an unknown customer is answered with
	 * {@link CustomerNotFound}. An order cancelled before it got here reserves nothing
	 * and is answered with nothing: it is over, and a reservation would never be
	 * released.
	 */
	public Optional<CreditEvent> reserve(OrderCreated created) {
		OrderId order = created.orderId();
		CustomerId customerId = created.customerId();
		Money total = created.total();
		for (BackOffExecution pauses = properties.writePauses().start();; pause(pauses, customerId,
				"reserving credit for order " + order)) {
			Optional<Customer> found = customers.findById(customerId);
			if (found.isEmpty()) {
				log.info("Credit refused for order {}: customer {} not found", order, customerId);
				count("not-found");
				// the order's own time, so that a redelivery announces the identical
				// event
				return Optional.of(new CustomerNotFound(order, customerId,
						Objects.requireNonNullElse(created.createdAt(), clock.instant())));
			}
			Customer customer = found.get();
			Optional<ClosedOrder> closed = closedEarlier(customer, order);
			if (closed.isPresent()) {
				return createdAgain(customer, closed.get());
			}
			Instant now = clock.instant();
			switch (customer.check(order, total, now)) {
				case CreditCheck.AlreadyReserved(Reservation reservation) -> {
					log.info("Order {} of customer {} already reserved, re-announcing", order, customerId);
					return Optional.of(reserved(customer, reservation));
				}
				case CreditCheck.AlreadyRefused(Refusal refusal) -> {
					log.info("Order {} of customer {} already refused, re-announcing", order, customerId);
					return Optional.of(exceeded(customer, refusal));
				}
				case CreditCheck.AlreadyCancelled(Cancellation cancellation) -> {
					log.info("Order {} of customer {} was cancelled at {} before its credit was reserved; "
							+ "reserving nothing", order, customerId, cancellation.at());
					return Optional.empty();
				}
				case CreditCheck.Coverable() -> {
					OptionalLong left = customers.reserve(customerId, total.currency(), customer.pruned(),
							Reservation.open(order, total.amount(), now));
					if (left.isPresent()) {
						Money availableAfter = Money
							.of(customers.recordAvailableAfter(customerId, order, left.getAsLong()), total.currency());
						log.info("Credit of {} reserved for order {} of customer {}, {} left", total, order, customerId,
								availableAfter);
						count("reserved");
						return Optional.of(new CreditReserved(order, customerId, total, availableAfter, now));
					}
				}
				case CreditCheck.NotCoverable(Refusal refusal) -> {
					if (customers.refuse(customerId, customer.pruned(), refusal)) {
						CreditLimitExceeded exceeded = exceeded(customer, refusal);
						log.info("Credit refused for order {} of customer {}: requested {}, available {}", order,
								customerId, exceeded.requested(), exceeded.available());
						count("exceeded");
						pruneIfDue(customer);
						return Optional.of(exceeded);
					}
				}
			}
		}
	}

	/**
	 * Gives a held reservation back; nothing when the order holds none (it was refused or
	 * is unknown here). An order cancelled before its credit was reserved is remembered,
	 * so that its {@code OrderCreated}, should it come late, reserves nothing.
	 */
	public Optional<CreditReleased> release(OrderCancelled cancelled) {
		OrderId order = cancelled.orderId();
		CustomerId customerId = cancelled.customerId();
		for (BackOffExecution pauses = properties.writePauses().start();; pause(pauses, customerId,
				"releasing credit of order " + order)) {
			Optional<Customer> found = customers.findById(customerId);
			if (found.isEmpty()) {
				log.info("Order {} of unknown customer {} cancelled; nothing to release", order, customerId);
				return Optional.empty();
			}
			Customer customer = found.get();
			Optional<ClosedOrder> closed = closedEarlier(customer, order);
			if (closed.isPresent()) {
				return cancelledAgain(customer, closed.get());
			}
			Optional<Reservation> held = customer.reservation(order);
			if (held.isEmpty()) {
				if (customer.decided(order)) {
					log.info("Order {} of customer {} cancelled; no credit was reserved for it, nothing to release",
							order, customerId);
					return Optional.empty();
				}
				if (customers.cancel(customerId, customer.pruned(), new Cancellation(order, clock.instant()))) {
					log.info(
							"Order {} of customer {} cancelled before its credit was reserved; "
									+ "its order.created.v1, should it still come, will reserve nothing",
							order, customerId);
					count("cancelled-unreserved");
					pruneIfDue(customer);
					return Optional.empty();
				}
				continue;
			}
			Reservation reservation = held.get();
			switch (reservation.status()) {
				case RELEASED -> {
					log.info("Credit for order {} of customer {} already released, re-announcing", order, customerId);
					return Optional.of(released(customer, reservation));
				}
				case SETTLED -> {
					log.warn("Order {} of customer {} cancelled after its credit was settled; nothing to release",
							order, customerId);
					return Optional.empty();
				}
				case OPEN -> {
					Instant now = clock.instant();
					OptionalLong left = customers.release(customerId, reservation, now);
					if (left.isPresent()) {
						Money amount = Money.of(reservation.amount(), customer.currency());
						Money availableAfter = Money.of(
								customers.recordAvailableAfterRelease(customerId, order, left.getAsLong()),
								customer.currency());
						log.info("Released credit of {} for cancelled order {} of customer {}, {} available", amount,
								order, customerId, availableAfter);
						count("released");
						pruneIfDue(customer);
						return Optional.of(new CreditReleased(order, customerId, amount, availableAfter, now));
					}
				}
			}
		}
	}

	/**
	 * The order is paid: its reservation is closed and the credit is free again.
	 * Announces nothing.
	 */
	public void settle(OrderCompleted completed) {
		OrderId order = completed.orderId();
		CustomerId customerId = completed.customerId();
		for (BackOffExecution pauses = properties.writePauses().start();; pause(pauses, customerId,
				"settling credit of order " + order)) {
			Optional<Customer> found = customers.findById(customerId);
			Optional<Reservation> held = found.flatMap(customer -> customer.reservation(order))
				.or(() -> found.flatMap(customer -> closedEarlier(customer, order)).map(ClosedOrder::reservation));
			if (held.isEmpty()) {
				log.warn("Order {} of customer {} completed without a credit reservation; nothing to settle", order,
						customerId);
				return;
			}
			Reservation reservation = held.get();
			switch (reservation.status()) {
				case SETTLED -> {
					log.info("Credit for order {} of customer {} already settled", order, customerId);
					return;
				}
				case RELEASED -> {
					log.warn("Order {} of customer {} completed after its credit was released; nothing to settle",
							order, customerId);
					return;
				}
				case OPEN -> {
					if (customers.settle(customerId, reservation, clock.instant())) {
						log.info("Settled credit of {} for completed order {} of customer {}",
								Money.of(reservation.amount(), found.get().currency()), order, customerId);
						count("settled");
						pruneIfDue(found.get());
						return;
					}
				}
			}
		}
	}

	/**
	 * The order's decision, if it was moved out of the customer document. Only orders the
	 * document does not know are looked up, and only once anything was ever moved out:
	 * until then every order ever decided is in the document.
	 */
	private Optional<ClosedOrder> closedEarlier(Customer customer, OrderId order) {
		if (customer.pruned() == 0 || customer.decided(order)) {
			return Optional.empty();
		}
		return closedOrders.findById(order);
	}

	private Optional<CreditEvent> createdAgain(Customer customer, ClosedOrder closed) {
		log.info("Order {} of customer {} was decided long ago, re-announcing", closed.orderId(), customer.id());
		if (closed.reservation() != null) {
			return Optional.of(reserved(customer, closed.reservation()));
		}
		if (closed.refusal() != null) {
			return Optional.of(exceeded(customer, closed.refusal()));
		}
		return Optional.empty();
	}

	private Optional<CreditReleased> cancelledAgain(Customer customer, ClosedOrder closed) {
		Reservation reservation = closed.reservation();
		if (reservation != null && reservation.status() == Reservation.Status.RELEASED) {
			log.info("Credit for order {} of customer {} released long ago, re-announcing", closed.orderId(),
					customer.id());
			return Optional.of(released(customer, reservation));
		}
		log.info("Order {} of customer {} cancelled again; it holds no credit", closed.orderId(), customer.id());
		return Optional.empty();
	}

	/**
	 * Moves the older closed entries out of the customer document once it holds
	 * {@link CustomerProperties#closedLimit()} of them, counting the one just closed.
	 * Concurrent moves of one customer are harmless: one wins, the others change nothing.
	 */
	private void pruneIfDue(Customer before) {
		if (before.closedEntries() + 1 < properties.closedLimit()) {
			return;
		}
		customers.findById(before.id()).ifPresent(customer -> {
			List<ClosedOrder> beyond = customer.closedBeyond(properties.closedKept());
			if (!beyond.isEmpty() && customers.archive(customer, beyond)) {
				log.debug("Moved {} closed entries of customer {} to closedOrders", beyond.size(), customer.id());
			}
		});
	}

	/**
	 * Waits a jittered, growing pause before the next attempt: writers competing for one
	 * customer drift apart instead of colliding again at once.
	 * @throws OptimisticLockingFailureException once every attempt missed; a transient
	 * failure, so the event is delivered again, never dead-lettered
	 */
	private void pause(BackOffExecution pauses, CustomerId customer, String step) {
		long millis = pauses.nextBackOff();
		if (millis == BackOffExecution.STOP) {
			throw contended(customer, step);
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw contended(customer, step);
		}
	}

	private CreditReserved reserved(Customer customer, Reservation reservation) {
		// null only if the process stopped between reserving and recording; the first
		// announcement then fixes it
		long availableAfter = reservation.availableAfter() != null ? reservation.availableAfter()
				: customers.recordAvailableAfter(customer.id(), reservation.orderId(), customer.available());
		return new CreditReserved(reservation.orderId(), customer.id(),
				Money.of(reservation.amount(), customer.currency()), Money.of(availableAfter, customer.currency()),
				reservation.reservedAt());
	}

	private static CreditLimitExceeded exceeded(Customer customer, Refusal refusal) {
		return new CreditLimitExceeded(refusal.orderId(), customer.id(), refusal.requested(),
				Money.of(refusal.available(), customer.currency()), refusal.at());
	}

	private CreditReleased released(Customer customer, Reservation reservation) {
		long availableAfter = reservation.availableAfterRelease() != null ? reservation.availableAfterRelease()
				: customers.recordAvailableAfterRelease(customer.id(), reservation.orderId(), customer.available());
		return new CreditReleased(reservation.orderId(), customer.id(),
				Money.of(reservation.amount(), customer.currency()), Money.of(availableAfter, customer.currency()),
				reservation.closedAt());
	}

	private void count(String outcome) {
		Counter.builder("saga.credit.decisions")
			.description("Credit decisions taken for orders (re-announcements of earlier decisions not counted)")
			.tag("outcome", outcome)
			.register(meters)
			.increment();
	}

	private OptimisticLockingFailureException contended(CustomerId customer, String step) {
		return new OptimisticLockingFailureException(
				"Customer " + customer + " kept changing under " + properties.writeAttempts() + " attempts at " + step);
	}

}
