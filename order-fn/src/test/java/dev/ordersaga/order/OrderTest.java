package dev.ordersaga.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ordersaga.order.OrderEvent.OrderApproved;
import dev.ordersaga.order.OrderEvent.OrderCancelled;
import dev.ordersaga.order.OrderEvent.OrderCreated;
import dev.ordersaga.support.money.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OrderTest {

	static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	static final CustomerId CUSTOMER = new CustomerId(UUID.randomUUID());

	static Order pending() {
		return Order
			.place(OrderId.random(), CUSTOMER, "tok_visa",
					List.of(new OrderLine("BOOK-1", 2, Money.of(15_000, "KRW")),
							new OrderLine("PEN-1", 1, Money.of(2_000, "KRW"))),
					null, T0, Duration.ofMinutes(15))
			.order()
			.withVersion(0L);
	}

	@Test
	void placesPendingOrderWithTotalDeadlineAndCreatedEvent() {
		Transition placed = Order.place(OrderId.random(), CUSTOMER, "tok_visa",
				List.of(new OrderLine("BOOK-1", 2, Money.of(15_000, "KRW"))), null, T0, Duration.ofMinutes(15));

		assertThat(placed.order().status()).isEqualTo(OrderStatus.PENDING);
		assertThat(placed.order().total()).isEqualTo(Money.of(30_000, "KRW"));
		assertThat(placed.order().payBy()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
		assertThat(placed.event()).containsInstanceOf(OrderCreated.class);
		assertThat((OrderCreated) placed.event().orElseThrow()).extracting(OrderCreated::total)
			.isEqualTo(Money.of(30_000, "KRW"));
	}

	@Test
	void refusesLinesInSeveralCurrencies() {
		assertThatIllegalArgumentException().isThrownBy(() -> Order.place(OrderId.random(), CUSTOMER, "tok_visa",
				List.of(new OrderLine("A", 1, Money.of(1, "KRW")), new OrderLine("B", 1, Money.of(1, "EUR"))), null, T0,
				Duration.ofMinutes(1)));
	}

	@Test
	void approvesPendingOrderOnceAndReannouncesTheSameApprovalAfterwards() {
		Order order = pending();

		Transition first = order.approve(T0.plusSeconds(1));
		Transition again = first.order().approve(T0.plusSeconds(5));

		assertThat(first.changed()).isTrue();
		assertThat(first.order().status()).isEqualTo(OrderStatus.APPROVED);
		assertThat(again.changed()).isFalse();
		assertThat(again.event()).isEqualTo(first.event());
		assertThat(((OrderApproved) again.event().orElseThrow()).payBy()).isEqualTo(order.payBy());
	}

	@Test
	void cancelsPendingOrderWhenCreditLimitExceeded() {
		Transition cancelled = pending().cancel(CancelReason.CREDIT_LIMIT_EXCEEDED, T0.plusSeconds(1));

		assertThat(cancelled.order().status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(cancelled.order().cancelReason()).isEqualTo(CancelReason.CREDIT_LIMIT_EXCEEDED);
		assertThat(cancelled.event()).get()
			.isEqualTo(new OrderCancelled(cancelled.order().id(), CUSTOMER, Money.of(32_000, "KRW"),
					CancelReason.CREDIT_LIMIT_EXCEEDED, T0.plusSeconds(1)));
		assertThat(cancelled.order().history()).extracting(StatusChange::status)
			.containsExactly(OrderStatus.PENDING, OrderStatus.CANCELLED);
	}

	@Test
	void cancelledOrderIsNeverApprovedAndKeepsItsFirstReason() {
		Order cancelled = pending().cancel(CancelReason.TIMEOUT, T0.plusSeconds(1)).order();

		Transition approval = cancelled.approve(T0.plusSeconds(2));
		Transition secondCancel = cancelled.cancel(CancelReason.CREDIT_LIMIT_EXCEEDED, T0.plusSeconds(3));

		assertThat(approval.changed()).isFalse();
		assertThat(approval.event()).isEmpty();
		assertThat(secondCancel.changed()).isFalse();
		assertThat(((OrderCancelled) secondCancel.event().orElseThrow()).reason()).isEqualTo(CancelReason.TIMEOUT);
	}

	@Test
	void completedOrderCannotBeCancelledAndCancelledOrderCannotBeCompleted() {
		Order completed = pending().approve(T0.plusSeconds(1)).order().complete("pay-1", T0.plusSeconds(2)).order();
		Order cancelled = pending().approve(T0.plusSeconds(1)).order().cancel(CancelReason.TIMEOUT, T0).order();

		assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
		assertThat(completed.cancel(CancelReason.CUSTOMER_REQUEST, T0.plusSeconds(3)).changed()).isFalse();
		assertThat(cancelled.complete("pay-1", T0.plusSeconds(3)).changed()).isFalse();
		assertThat(cancelled.complete("pay-1", T0.plusSeconds(3)).order().status()).isEqualTo(OrderStatus.CANCELLED);
	}

}
