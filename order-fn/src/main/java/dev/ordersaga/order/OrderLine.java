package dev.ordersaga.order;

import java.util.Objects;

import dev.ordersaga.support.money.Money;

public record OrderLine(String sku, int quantity, Money unitPrice) {

	public OrderLine {
		Objects.requireNonNull(sku, "sku");
		Objects.requireNonNull(unitPrice, "unitPrice");
		if (quantity <= 0) {
			throw new IllegalArgumentException("quantity must be positive");
		}
		if (!unitPrice.isPositive()) {
			throw new IllegalArgumentException("unitPrice must be positive");
		}
	}

	public Money total() {
		return unitPrice.times(quantity);
	}
}
