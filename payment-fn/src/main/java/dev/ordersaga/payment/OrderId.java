package dev.ordersaga.payment;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The order a payment belongs to; owned by order-fn. Also the payment's natural key: one
 * payment per order.
 */
public record OrderId(UUID value) {

	public OrderId {
		Objects.requireNonNull(value, "value");
	}

	@JsonCreator
	public static OrderId of(String value) {
		return new OrderId(UUID.fromString(value));
	}

	@JsonValue
	@Override
	public String toString() {
		return value.toString();
	}
}
