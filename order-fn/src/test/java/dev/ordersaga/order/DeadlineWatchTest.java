package dev.ordersaga.order;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineWatchTest {

	static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

	final DeadlineWatch watch = new DeadlineWatch();

	@Test
	void handsOutOnlyTheOrdersDueBeforeTheCutoffOldestDeadlineFirst() {
		OrderId late = id();
		OrderId early = id();
		OrderId future = id();
		watch.watch(late, T0.plusSeconds(20), OrderStatus.APPROVED);
		watch.watch(early, T0.plusSeconds(10), OrderStatus.PENDING);
		watch.watch(future, T0.plusSeconds(60), OrderStatus.PENDING);

		assertThat(watch.takeDueBefore(T0.plusSeconds(30))).extracting(DeadlineWatch.Due::order)
			.containsExactly(early, late);
		assertThat(watch.size()).as("the future one stays").isEqualTo(1);
		assertThat(watch.takeDueBefore(T0.plusSeconds(30))).isEmpty();
	}

	@Test
	void forgetsAnOrderOnceItIsTerminalAndWatchesItOnceHoweverOftenItIsWritten() {
		OrderId completed = id();
		OrderId open = id();
		watch.watch(completed, T0, OrderStatus.PENDING);
		watch.watch(completed, T0, OrderStatus.APPROVED);
		watch.watch(completed, T0, OrderStatus.COMPLETED);
		watch.watch(open, T0, OrderStatus.PENDING);
		watch.watch(open, T0, OrderStatus.APPROVED);

		assertThat(watch.takeDueBefore(T0.plusSeconds(1))).extracting(DeadlineWatch.Due::order).containsExactly(open);
	}

	private static OrderId id() {
		return new OrderId(UUID.randomUUID());
	}

}
