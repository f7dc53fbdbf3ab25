package dev.ordersaga.order;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersaga.order.CreditEvent.CreditLimitExceeded;
import dev.ordersaga.order.CreditEvent.CreditReserved;
import dev.ordersaga.order.CreditEvent.CustomerNotFound;
import dev.ordersaga.order.PaymentEvent.PaymentFailed;
import dev.ordersaga.order.PaymentEvent.PaymentProcessed;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The order side of the saga: each use case loads an order, lets it decide, saves the
 * result and returns the event to publish. Saves are conditional on the version read, so
 * concurrent steps on one order never overwrite each other; a lost race is simply decided
 * again on the fresh order.
 */
@Service
public class OrderManagement {

	private static final Logger log = LoggerFactory.getLogger(OrderManagement.class);

	private static final int MAX_ATTEMPTS = 10;

	private final Orders orders;

	private final OrderProperties properties;

	private final Clock clock;

	public OrderManagement(Orders orders, OrderProperties properties, Clock clock) {
		this.orders = orders;
		this.properties = properties;
		this.clock = clock;
	}

	public Placement place(PlaceOrder command) {
		IdempotencyKey key = command.idempotencyKey();
		OrderId id = key == null ? OrderId.random() : OrderId.forIdempotencyKey(key.key());
		Transition placed = Order.place(id, command.customerId(), command.paymentMethod(), command.lines(), key, now(),
				properties.deadline());
		try {
			orders.insert(placed.order(), placed.event().stream().toList());
		}
		catch (DuplicateKeyException duplicate) {
			Order existing = orders.findById(id).orElseThrow(() -> duplicate);
			if (key != null && existing.idempotencyKey() != null
					&& Objects.equals(existing.idempotencyKey().requestFingerprint(), key.requestFingerprint())) {
				log.info("Order {} replayed for idempotency key {}", id, key.key());
				return new Placement.Replayed(existing);
			}
			log.warn("Idempotency key {} reused for a different request; order {} kept", key, id);
			return new Placement.KeyReused(id);
		}
		log.info("Order {} placed for customer {}: {} in {} line(s), pending credit check", id, command.customerId(),
				placed.order().total(), command.lines().size());
		return new Placement.Placed(placed.order());
	}

	public Optional<Order> find(OrderId id) {
		return orders.findById(id);
	}

	/** Applies the customer's credit decision: approve, or cancel with the reason. */
	public Optional<OrderEvent> on(CreditEvent decision) {
		Instant now = now();
		return switch (decision) {
			case CreditReserved reserved ->
				step(reserved.orderId(), "approved (credit reserved)", order -> order.approve(now));
			case CreditLimitExceeded exceeded -> step(exceeded.orderId(), "cancelled (credit limit exceeded)",
					order -> order.cancel(CancelReason.CREDIT_LIMIT_EXCEEDED, now));
			case CustomerNotFound unknown -> step(unknown.orderId(), "cancelled (unknown customer)",
					order -> order.cancel(CancelReason.UNKNOWN_CUSTOMER, now));
		};
	}

	/**
	 * Applies the payment's result: complete, or cancel with the reason. A payment for an
	 * order that was cancelled meanwhile leaves it cancelled; payment-fn refunds it on
	 * the cancellation.
	 */
	public Optional<OrderEvent> on(PaymentEvent result) {
		Instant now = now();
		return switch (result) {
			case PaymentProcessed processed -> step(processed.orderId(), "completed (payment processed)",
					order -> order.complete(processed.paymentId(), now));
			case PaymentFailed failed -> step(failed.orderId(), "cancelled (payment " + failed.reason() + ")",
					order -> order.cancel(failed.cancelReason(), now));
		};
	}

	/**
	 * The customer asks to cancel: allowed until the order completed. The event leaves
	 * through the outbox.
	 */
	public Cancellation cancelOnRequest(OrderId id) {
		Instant now = now();
		Optional<Order> result = stepWithOutbox(id, "cancelled on the customer's request",
				order -> order.cancel(CancelReason.CUSTOMER_REQUEST, now));
		return result.<Cancellation>map(order -> order.status() == OrderStatus.COMPLETED
				? new Cancellation.TooLate(order) : new Cancellation.Cancelled(order))
			.orElseGet(() -> new Cancellation.UnknownOrder(id));
	}

	/**
	 * Cancels an order whose saga deadline and grace period passed while it was still
	 * open. Safe with several replicas sweeping at once: the version-conditional update
	 * lets exactly one of them cancel.
	 */
	public Optional<Order> expire(OrderId id) {
		Instant now = now();
		return stepWithOutbox(id, "cancelled (saga deadline passed)",
				order -> order.payBy().plus(properties.deadlineGrace()).isAfter(now) ? Transition.rejected(order)
						: order.cancel(CancelReason.TIMEOUT, now));
	}

	private Optional<OrderEvent> step(OrderId id, String description, Function<Order, Transition> decide) {
		return apply(id, description, decide, false).flatMap(Transition::event);
	}

	private Optional<Order> stepWithOutbox(OrderId id, String description, Function<Order, Transition> decide) {
		return apply(id, description, decide, true).map(Transition::order);
	}

	/**
	 * Load → decide → conditional save, again on a lost race.
	 * @param viaOutbox whether the event travels in the order's outbox (steps not caused
	 * by an incoming event) instead of being returned to the binding that delivered the
	 * cause
	 */
	private Optional<Transition> apply(OrderId id, String description, Function<Order, Transition> decide,
			boolean viaOutbox) {
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			Optional<Order> current = orders.findById(id);
			if (current.isEmpty()) {
				log.warn("Ignoring a saga step for unknown order {}", id);
				return Optional.empty();
			}
			Transition transition = decide.apply(current.get());
			if (!transition.changed()) {
				log.info("Order {} already {}: {}", id, current.get().status(),
						transition.event().isPresent() ? "re-announcing" : "step not applicable");
				return Optional.of(transition);
			}
			List<OrderEvent> outbox = viaOutbox ? transition.event().stream().toList() : List.of();
			if (orders.update(current.get(), transition.order(), outbox)) {
				log.info("Order {} {}", id, description);
				return Optional.of(transition);
			}
		}
		throw new IllegalStateException("Order " + id + " kept changing under " + MAX_ATTEMPTS + " attempts");
	}

	private Instant now() {
		return clock.instant();
	}

}
