package dev.ordersaga.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * How much saga throughput drops while audit-fn watches every topic. Runs the whole stack
 * on loopback, then alternates rounds without and with audit-fn: each round places a
 * bounded number of orders from concurrent clients and measures the time until every one
 * of them is COMPLETED (credit check, payment, completion). Prints orders per second per
 * round, the mean of each configuration and their ratio; it asserts nothing.
 * <p>
 * {@code ./mvnw -pl devstack -am -DskipTests -Pbenchmark package}
 * ({@code -Dbenchmark.orders=300}, {@code -Dbenchmark.rounds=3},
 * {@code -Dbenchmark.clients=16}).
 */
public final class AuditOverheadBenchmark {

	private static final Logger log = LoggerFactory.getLogger(AuditOverheadBenchmark.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration ROUND_LIMIT = Duration.ofMinutes(10);

	private final EmbeddedStack stack;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private AuditOverheadBenchmark(EmbeddedStack stack) {
		this.stack = stack;
	}

	public static void main(String[] args) {
		int orders = Integer.parseInt(Settings.value("benchmark.orders").orElse("300"));
		int rounds = Integer.parseInt(Settings.value("benchmark.rounds").orElse("3"));
		int clients = Integer.parseInt(Settings.value("benchmark.clients").orElse("16"));
		Path servicesDirectory = Path.of(Settings.value("devstack.services-dir").orElse("devstack/target/services"));
		Path logs = Path.of(Settings.value("benchmark.logs-dir").orElse("devstack/target/benchmark-logs"));
		try (EmbeddedStack stack = EmbeddedStack.builder()
			.servicesDirectory(servicesDirectory.toAbsolutePath())
			.temporaryKafkaDirectory()
			.logs(LogSink.files(logs.toAbsolutePath()))
			.build()) {
			stack.startInfrastructure().startServices();
			new AuditOverheadBenchmark(stack).run(orders, rounds, clients);
		}
	}

	private void run(int orders, int rounds, int clients) {
		log.info("Warm-up: {} orders with audit-fn", orders);
		measure(orders, clients);
		List<Double> without = new ArrayList<>();
		List<Double> with = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			stack.stopService(SagaService.AUDIT_FN);
			without.add(measure(orders, clients));
			log.info("round {} without audit-fn: {} orders/s", round, format(without.getLast()));
			stack.startService(SagaService.AUDIT_FN, java.util.Map.of());
			with.add(measure(orders, clients));
			log.info("round {} with audit-fn:    {} orders/s", round, format(with.getLast()));
		}
		double baseline = mean(without);
		double audited = mean(with);
		log.info("""

				Saga throughput, {} orders per round, {} clients, {} rounds (placed → COMPLETED, loopback, {} cores)
				  without audit-fn: {} orders/s  {}
				  with audit-fn:    {} orders/s  {}
				  ratio with/without: {} ({}% throughput change)""", orders, clients, rounds,
				Runtime.getRuntime().availableProcessors(), format(baseline), formatAll(without), format(audited),
				formatAll(with), format(audited / baseline), format((audited / baseline - 1) * 100));
	}

	/** Places {@code orders} orders and returns completed orders per second. */
	private double measure(int orders, int clients) {
		String customer = customer(orders * 1_000L);
		long started = System.nanoTime();
		try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
			List<Future<Integer>> posts = new ArrayList<>();
			for (int i = 0; i < orders; i++) {
				posts.add(pool.submit(() -> post(SagaService.ORDER_FN, "/orders", """
						{"customerId":"%s","paymentMethod":"tok_visa",
						 "lines":[{"sku":"BENCH-1","quantity":1,"unitPrice":{"amount":1000,"currency":"KRW"}}]}"""
					.formatted(customer)).statusCode()));
			}
			for (Future<Integer> post : posts) {
				if (post.get() != 201) {
					throw new IllegalStateException("An order was refused with " + post.get());
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Placing orders failed", ex);
		}
		long deadline = System.nanoTime() + ROUND_LIMIT.toNanos();
		while (completed(customer) < orders) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Orders not completed within " + ROUND_LIMIT);
			}
			LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
		}
		return orders / ((System.nanoTime() - started) / 1e9);
	}

	private String customer(long credit) {
		HttpResponse<String> response = post(SagaService.CUSTOMER_FN, "/customers",
				"""
						{"name":"Bench","email":"bench-%s@example.com","locale":"en","creditLimit":{"amount":%d,"currency":"KRW"}}"""
					.formatted(UUID.randomUUID(), credit));
		return JSON.readTree(response.body()).get("customerId").asString();
	}

	private long completed(String customer) {
		HttpResponse<String> response = send(HttpRequest
			.newBuilder(URI
				.create(stack.url(SagaService.ORDER_FN) + "/orders?size=1&status=COMPLETED&customerId=" + customer))
			.GET()
			.build());
		return JSON.readTree(response.body()).at("/page/totalElements").asLong();
	}

	private HttpResponse<String> post(SagaService service, String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(stack.url(service) + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(DevTokens.withOperator(request), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static double mean(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
	}

	private static String format(double value) {
		return "%.2f".formatted(value);
	}

	private static String formatAll(List<Double> values) {
		return values.stream().map(AuditOverheadBenchmark::format).toList().toString();
	}

}
