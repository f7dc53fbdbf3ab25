package dev.ordersaga.payment;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Our id of a payment (the provider's charge id is its {@code providerReference}).
 * Derived from the order id, so a redelivered approval names the same payment.
 */
public record PaymentId(UUID value) {

	public PaymentId {
		Objects.requireNonNull(value, "value");
	}

	public static PaymentId forOrder(OrderId orderId) {
		return new PaymentId(UUID.nameUUIDFromBytes(("payment:" + orderId).getBytes(StandardCharsets.UTF_8)));
	}

	@JsonCreator
	public static PaymentId of(String value) {
		return new PaymentId(UUID.fromString(value));
	}

	@JsonValue
	@Override
	public String toString() {
		return value.toString();
	}
}
