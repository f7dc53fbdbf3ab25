package dev.ordersaga.order.web;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /orders}.
 *
 * @param paymentMethod opaque token of the payment provider (e.g. {@code tok_visa}),
 * never a card number
 */
public record PlaceOrderRequest(@NotNull UUID customerId, @NotBlank @Size(max = 64) String paymentMethod,
		@NotEmpty @Size(max = 100) List<@NotNull @Valid Line> lines) {

	public record Line(@NotBlank @Size(max = 64) String sku, @NotNull @Positive @Max(10_000) Integer quantity,
			@NotNull @Valid MoneyBody unitPrice) {
	}
}
