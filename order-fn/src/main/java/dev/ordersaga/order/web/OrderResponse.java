package dev.ordersaga.order.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ordersaga.order.CancelReason;
import dev.ordersaga.order.Order;
import dev.ordersaga.order.OrderStatus;
import dev.ordersaga.order.StatusChange;

/**
 * An order as the API shows it.
 *
 * @param cancelReason present only when the order is cancelled
 * @param payBy the saga deadline
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderResponse(String orderId, String customerId, OrderStatus status, CancelReason cancelReason,
		String paymentMethod, MoneyBody total, List<LineResponse> lines, Instant createdAt, Instant payBy,
		List<StatusChange> history) {

	public record LineResponse(String sku, int quantity, MoneyBody unitPrice, MoneyBody total) {
	}

	static OrderResponse of(Order order) {
		return new OrderResponse(order.id().toString(), order.customerId().toString(), order.status(),
				order.cancelReason(), order.paymentMethod(), MoneyBody.of(order.total()),
				order.lines()
					.stream()
					.map(line -> new LineResponse(line.sku(), line.quantity(), MoneyBody.of(line.unitPrice()),
							MoneyBody.of(line.total())))
					.toList(),
				order.createdAt(), order.payBy(), order.history());
	}
}
