package dev.ordersaga.email.sending;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.ordersaga.email.CustomerId;
import dev.ordersaga.email.OrderId;
import dev.ordersaga.support.money.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dispatch loop's in-memory hand-over: e-mails beyond the sender queue's capacity are
 * not left to the (rare) sweep but offered again as senders free up.
 */
class DispatchLoopTest {

	private static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");

	@Test
	void offersEmailsTheFullSenderQueueRefusedAgainAsSendersFreeUp() throws Exception {
		CountDownLatch firstStepHeld = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Set<String> stepped = ConcurrentHashMap.newKeySet();
		EmailDispatcher dispatcher = new EmailDispatcher(null, null, null, null, properties(), clock()) {
			@Override
			public Optional<Email> step(String id) {
				firstStepHeld.countDown();
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				stepped.add(id);
				return Optional.empty();
			}

			@Override
			public List<Email> dueBeforeNextSweep() {
				return List.of();
			}
		};
		DispatchLoop loop = new DispatchLoop(dispatcher, properties(), clock(), DispatchContext.NONE);
		loop.start();
		try {
			List<Email> due = IntStream.range(0, 6).mapToObj(i -> dueNow()).toList();
			loop.stored(due.getFirst());
			assertThat(firstStepHeld.await(10, TimeUnit.SECONDS)).isTrue();
			// one sender busy, one place in its queue: four are refused
			due.subList(1, due.size()).forEach(loop::stored);

			release.countDown();

			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(stepped)
					.containsExactlyInAnyOrderElementsOf(due.stream().map(Email::id).toList()));
		}
		finally {
			loop.stop();
		}
	}

	/** One sender, room for one more e-mail in its queue; the sweep ten minutes away. */
	private static EmailProperties properties() {
		return new EmailProperties("Order Saga <orders@order-saga.dev>", "order-saga", ZoneOffset.UTC,
				Duration.ofMinutes(10),
				new EmailProperties.Retry(Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMinutes(1), 2.0),
				new EmailProperties.Dispatch(Duration.ofMinutes(10), Duration.ofMinutes(2), 500, 1, 1,
						Duration.ofSeconds(30)));
	}

	private static Clock clock() {
		return Clock.fixed(NOW, ZoneId.of("UTC"));
	}

	/** Waiting for a contact until now: due at once. */
	private static Email dueNow() {
		return Email.request(new OrderId(UUID.randomUUID()), EmailKind.PAYMENT_COMPLETED,
				new CustomerId(UUID.randomUUID()), new MailFacts(Money.of(30000, "KRW"), "pay-1", null, NOW),
				"order-saga", NOW, Duration.ZERO);
	}

}
