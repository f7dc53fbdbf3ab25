package dev.ordersaga.customer;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.ordersaga.support.money.Money;

/**
 * The credit decisions customer-fn publishes on {@code customer-events}, keyed by order
 * id. Their JSON shape is a contract with every consumer: add fields freely, never rename
 * or remove one (that is a new {@code .v2} type).
 * <p>
 * {@link #occurredAt()} is not part of the body: it becomes the event's {@code ce_time}.
 * It is taken from the stored decision, never from the clock of a redelivery, so that a
 * re-announced decision is identical to the first one.
 */
public sealed interface CreditEvent {

	OrderId orderId();

	CustomerId customerId();

	Instant occurredAt();

	/**
	 * @param amount the credit now held for the order (its total)
	 * @param availableAfter the customer's available credit right after this reservation
	 */
	record CreditReserved(OrderId orderId, CustomerId customerId, Money amount, Money availableAfter,
			@JsonIgnore Instant occurredAt) implements CreditEvent {
	}

	/**
	 * @param requested the order total
	 * @param available the customer's available credit when the order was refused
	 */
	record CreditLimitExceeded(OrderId orderId, CustomerId customerId, Money requested, Money available,
			@JsonIgnore Instant occurredAt) implements CreditEvent {
	}

	record CustomerNotFound(OrderId orderId, CustomerId customerId,
			@JsonIgnore Instant occurredAt) implements CreditEvent {
	}

	/**
	 * @param amount the credit given back (the reservation's amount)
	 * @param availableAfter the customer's available credit right after the release
	 */
	record CreditReleased(OrderId orderId, CustomerId customerId, Money amount, Money availableAfter,
			@JsonIgnore Instant occurredAt) implements CreditEvent {
	}

}
