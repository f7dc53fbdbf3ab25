package dev.ordersaga.customer;

import java.time.Instant;
import java.util.Objects;
import java.util.stream.Stream;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The final credit decision on one order, moved out of its customer's document once it
 * could no longer change: a settled or released reservation, a refusal, or a cancellation
 * that came before the reservation. One small document per order, read only by its
 * {@code _id}, so that a redelivery of any age is still answered exactly as the first
 * delivery was, while the customer document keeps only open reservations and the most
 * recent closed entries.
 * <p>
 * Exactly one of {@code reservation}, {@code refusal}, {@code cancellation} is set.
 */
@Document("closedOrders")
public record ClosedOrder(@Id OrderId orderId, CustomerId customerId, Reservation reservation, Refusal refusal,
		Cancellation cancellation) {

	public ClosedOrder {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(customerId, "customerId");
		if (Stream.of(reservation, refusal, cancellation).filter(Objects::nonNull).count() != 1) {
			throw new IllegalArgumentException("A closed order holds exactly one decision");
		}
		if (reservation != null && reservation.isOpen()) {
			throw new IllegalArgumentException("An open reservation is not closed");
		}
	}

	public static ClosedOrder of(CustomerId customer, Reservation reservation) {
		return new ClosedOrder(reservation.orderId(), customer, reservation, null, null);
	}

	public static ClosedOrder of(CustomerId customer, Refusal refusal) {
		return new ClosedOrder(refusal.orderId(), customer, null, refusal, null);
	}

	public static ClosedOrder of(CustomerId customer, Cancellation cancellation) {
		return new ClosedOrder(cancellation.orderId(), customer, null, null, cancellation);
	}

	/** When the decision became final; the newest closed entries stay in the customer. */
	public Instant closedAt() {
		if (reservation != null) {
			return reservation.closedAt();
		}
		return refusal != null ? refusal.at() : cancellation.at();
	}

}
