package dev.ordersaga.devstack.saga;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.ordersaga.devstack.SagaStack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Concurrent reservations against one customer never overdraw the credit limit. */
class ConcurrentOrdersTest {

	final SagaStack stack = E2e.stack();

	final SagaClient client = new SagaClient(stack);

	long count(String customer, String status) {
		return client.get("order-fn", "/orders?customerId=" + customer + "&status=" + status + "&size=1")
			.body()
			.get("page")
			.get("totalElements")
			.asLong();
	}

	@Test
	void approvesExactlyTheFiftyOrdersTheCreditCoversOutOfTwoHundredPlacedAtOnce() throws Exception {
		// approved orders must stay approved while we count: payments (which settle
		// credit) are paused meanwhile
		boolean payments = Payments.pause(stack);
		try {
			String customer = client.customer(50 * 1_000);
			List<Integer> statuses;
			try (ExecutorService clients = Executors.newFixedThreadPool(20)) {
				List<Future<Integer>> posts = IntStream.range(0, 200)
					.mapToObj(i -> clients.submit(() -> client.placeOrder(customer, 1_000).status()))
					.toList();
				statuses = posts.stream().map(Payments::join).toList();
			}

			assertThat(statuses).hasSize(200).containsOnly(201);
			await().atMost(Duration.ofMinutes(2)).until(() -> count(customer, "PENDING") == 0);
			assertThat(count(customer, "APPROVED")).isEqualTo(50);
			assertThat(count(customer, "CANCELLED")).isEqualTo(150);
			assertThat(client.availableCredit(customer)).isZero();
		}
		finally {
			Payments.resume(stack, payments);
		}
	}

}
