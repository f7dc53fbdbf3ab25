package dev.ordersaga.customer;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record CustomerId(UUID value) {

	public CustomerId {
		Objects.requireNonNull(value, "value");
	}

	public static CustomerId random() {
		return new CustomerId(UUID.randomUUID());
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
