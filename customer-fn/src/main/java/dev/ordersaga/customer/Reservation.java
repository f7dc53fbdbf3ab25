package dev.ordersaga.customer;

import java.time.Instant;
import java.util.Objects;

/**
 * Credit held for one order. Amounts are minor units of the customer's currency, like
 * {@link Customer#available()}. An entry is never removed by the saga: it records that
 * the order's {@code OrderCreated} was handled, so that a redelivery re-announces this
 * reservation instead of reserving twice.
 *
 * @param amount the order total
 * @param status {@code OPEN} until the order is cancelled ({@code RELEASED}) or completed
 * ({@code SETTLED})
 * @param reservedAt when the credit was reserved; the {@code ce_time} of
 * {@code CreditReserved}
 * @param availableAfter the customer's available credit right after this reservation, as
 * announced in {@code CreditReserved}; {@code null} only in the moment between the
 * reservation and the write that records it
 * @param closedAt when the reservation was released or settled; the {@code ce_time} of
 * {@code CreditReleased}
 * @param availableAfterRelease the available credit right after the release, as announced
 * in {@code CreditReleased}
 */
public record Reservation(OrderId orderId, long amount, Status status, Instant reservedAt, Long availableAfter,
		Instant closedAt, Long availableAfterRelease) {

	public enum Status {

		OPEN, RELEASED, SETTLED

	}

	public Reservation {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(reservedAt, "reservedAt");
		if (amount <= 0) {
			throw new IllegalArgumentException("A reservation needs a positive amount");
		}
	}

	public static Reservation open(OrderId orderId, long amount, Instant now) {
		return new Reservation(orderId, amount, Status.OPEN, now, null, null, null);
	}

	public boolean isOpen() {
		return status == Status.OPEN;
	}
}
