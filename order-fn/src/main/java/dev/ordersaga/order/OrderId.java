package dev.ordersaga.order;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record OrderId(UUID value) {

	public OrderId {
		Objects.requireNonNull(value, "value");
	}

	public static OrderId random() {
		return new OrderId(UUID.randomUUID());
	}

	/**
	 * The id an order placed under this idempotency key gets, so that a retried request
	 * finds the first order.
	 */
	public static OrderId forIdempotencyKey(String key) {
		return new OrderId(UUID.nameUUIDFromBytes(("order:" + key).getBytes(StandardCharsets.UTF_8)));
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
