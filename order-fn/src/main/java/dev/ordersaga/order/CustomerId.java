package dev.ordersaga.order;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The customer an order belongs to; owned by customer-fn, referenced here by id only. */
public record CustomerId(UUID value) {

	public CustomerId {
		Objects.requireNonNull(value, "value");
	}

	@JsonCreator
	public static CustomerId of(String value) {
		return new CustomerId(UUID.fromString(value));
	}

	@JsonValue
	@Override
	public String toString() {
		return value.toString();
	}
}
