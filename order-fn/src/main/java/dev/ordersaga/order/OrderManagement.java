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

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The order side of the saga: each use case loads an order, lets it decide, saves the result and returns the event
 * to publish. Saves are conditional on the version read, so concurrent steps on one order never overwrite each
 * other; a lost race is simply decided again on the fresh order.
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
		Transition placed = Order.place(id, command.customerId(), command.paymentMethod(), command.lines(), key,
				now(), properties.deadline());
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
			case CreditReserved reserved -> step(reserved.orderId(), "approved (credit reserved)",
					order -> order.approve(now));
			case CreditLimitExceeded exceeded -> step(exceeded.orderId(), "cancelled (credit limit exceeded)",
					order -> order.cancel(CancelReason.CREDIT_LIMIT_EXCEEDED, now));
			case CustomerNotFound unknown -> step(unknown.orderId(), "cancelled (unknown customer)",
					order -> order.cancel(CancelReason.UNKNOWN_CUSTOMER, now));
		};
	}

	private Optional<OrderEvent> step(OrderId id, String description, Function<Order, Transition> decide) {
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
				return transition.event();
			}
			if (orders.update(current.get(), transition.order(), List.of())) {
				log.info("Order {} {}", id, description);
				return transition.event();
			}
		}
		throw new IllegalStateException("Order " + id + " kept changing under " + MAX_ATTEMPTS + " attempts");
	}

	private Instant now() {
		return clock.instant();
	}
}
