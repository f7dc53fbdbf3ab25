package dev.ordersaga.payment;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The customer who pays; owned by customer-fn, carried on payment events for the e-mail
 * service.
 */
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
