package dev.ordersaga.order;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.ordersaga.order.OrderEvent.OrderApproved;
import dev.ordersaga.order.OrderEvent.OrderCancelled;
import dev.ordersaga.order.OrderEvent.OrderCompleted;
import dev.ordersaga.order.OrderEvent.OrderCreated;
import dev.ordersaga.support.money.Money;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An order and where it stands in the saga. Immutable: every step returns a
 * {@link Transition} with a new order. <pre>
 * PENDING ──credit reserved──▶ APPROVED ──payment processed──▶ COMPLETED
 *    └──credit refused / unknown customer──▶ CANCELLED ◀──payment failed / timeout / customer──┘
 * </pre> Steps are idempotent: applying a step the order already took changes nothing and
 * re-announces the step; terminal states never change.
 *
 * @param payBy the saga deadline; payment must not be taken after it
 * @param idempotencyKey the client's key when the order was placed with one
 */
@Document("orders")
@CompoundIndex(name = "customer_created", def = "{'customerId': 1, 'createdAt': -1}")
@CompoundIndex(name = "status_deadline", def = "{'status': 1, 'payBy': 1}")
@CompoundIndex(name = "status_created", def = "{'status': 1, 'createdAt': -1}")
@CompoundIndex(name = "created", def = "{'createdAt': -1}")
public record Order(@Id OrderId id, CustomerId customerId, String paymentMethod, List<OrderLine> lines, Money total,
		OrderStatus status, CancelReason cancelReason, String paymentId, Instant createdAt, Instant payBy,
		List<StatusChange> history, IdempotencyKey idempotencyKey, @Version Long version) {

	public Order {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(status, "status");
		lines = List.copyOf(lines);
		history = List.copyOf(history);
	}

	/**
	 * Places a new order, pending the customer's credit decision.
	 * @throws IllegalArgumentException when there are no lines or they mix currencies
	 */
	public static Transition place(OrderId id, CustomerId customerId, String paymentMethod, List<OrderLine> lines,
			IdempotencyKey idempotencyKey, Instant now, Duration deadline) {
		if (lines.isEmpty()) {
			throw new IllegalArgumentException("An order needs at least one line");
		}
		String currency = lines.getFirst().unitPrice().currency();
		Money total = lines.stream().map(OrderLine::total).reduce(Money.zero(currency), Money::plus);
		Order order = new Order(id, customerId, paymentMethod, lines, total, OrderStatus.PENDING, null, null, now,
				now.plus(deadline), List.of(new StatusChange(OrderStatus.PENDING, now)), idempotencyKey, null);
		return Transition.changed(order, new OrderCreated(id, customerId, order.lines, total, now));
	}

	/** The customer's credit covers the order: it may be paid now. */
	public Transition approve(Instant now) {
		return switch (status) {
			case PENDING -> Transition.changed(moveTo(OrderStatus.APPROVED, now), approved(now));
			case APPROVED, COMPLETED -> Transition.unchanged(this, approved(reachedAt(OrderStatus.APPROVED)));
			case CANCELLED -> Transition.rejected(this);
		};
	}

	/**
	 * The payment went through. A cancelled order stays cancelled; payment-fn refunds it.
	 */
	public Transition complete(String paymentId, Instant now) {
		return switch (status) {
			case APPROVED -> {
				Order completed = new Order(id, customerId, paymentMethod, lines, total, OrderStatus.COMPLETED, null,
						paymentId, createdAt, payBy, append(OrderStatus.COMPLETED, now), idempotencyKey, version);
				yield Transition.changed(completed, completed.completed());
			}
			case COMPLETED -> Transition.unchanged(this, completed());
			case PENDING, CANCELLED -> Transition.rejected(this);
		};
	}

	/** Cancels the order if it is still open; a completed order cannot be cancelled. */
	public Transition cancel(CancelReason reason, Instant now) {
		return switch (status) {
			case PENDING, APPROVED -> {
				Order cancelled = new Order(id, customerId, paymentMethod, lines, total, OrderStatus.CANCELLED, reason,
						paymentId, createdAt, payBy, append(OrderStatus.CANCELLED, now), idempotencyKey, version);
				yield Transition.changed(cancelled, cancelled.cancelled());
			}
			case CANCELLED -> Transition.unchanged(this, cancelled());
			case COMPLETED -> Transition.rejected(this);
		};
	}

	public Order withVersion(Long version) {
		return new Order(id, customerId, paymentMethod, lines, total, status, cancelReason, paymentId, createdAt, payBy,
				history, idempotencyKey, version);
	}

	private Order moveTo(OrderStatus next, Instant now) {
		return new Order(id, customerId, paymentMethod, lines, total, next, cancelReason, paymentId, createdAt, payBy,
				append(next, now), idempotencyKey, version);
	}

	private List<StatusChange> append(OrderStatus next, Instant now) {
		List<StatusChange> changes = new ArrayList<>(history);
		changes.add(new StatusChange(next, now));
		return changes;
	}

	private Instant reachedAt(OrderStatus wanted) {
		return history.stream()
			.filter(change -> change.status() == wanted)
			.map(StatusChange::at)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Order " + id + " never was " + wanted));
	}

	private OrderApproved approved(Instant at) {
		return new OrderApproved(id, customerId, total, paymentMethod, payBy, at);
	}

	private OrderCompleted completed() {
		return new OrderCompleted(id, customerId, total, paymentId, reachedAt(OrderStatus.COMPLETED));
	}

	private OrderCancelled cancelled() {
		return new OrderCancelled(id, customerId, total, cancelReason, reachedAt(OrderStatus.CANCELLED));
	}
}
