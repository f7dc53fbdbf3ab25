package dev.ordersaga.devstack.saga;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ordersaga.devstack.SagaStack;
import dev.ordersaga.support.testing.KafkaTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every series the chart's alerts and Grafana dashboard read
 * ({@code charts/observability-metrics.txt}, kept equal to the rendered rule and
 * dashboard by the charts module's ObservabilityChartTest) is really exported: each
 * service's Prometheus scrape holds the metric, tagged with the service's
 * {@code application} label, once a saga has run and a poison record was dead-lettered
 * (some meters only appear after their first event).
 */
class ExportedMetricsTest {

	final SagaStack stack = E2e.stack();

	final SagaClient client = new SagaClient(stack);

	final KafkaTopics topics = E2e.topics(stack);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/**
	 * Where Prometheus scrapes a service: its management port (the API port serves no
	 * actuator).
	 */
	static String scrapeUrl(SagaStack stack, String service) {
		return stack.managementUrl(service) + "/actuator/prometheus";
	}

	@Test
	void everyMetricTheAlertsAndTheDashboardReadIsScrapedFromTheServiceThatExportsIt() throws IOException {
		Map<String, List<String>> expected = listedSeries();
		assertThat(expected).as("charts/observability-metrics.txt").isNotEmpty();

		SagaClient.Customer customer = client.registeredCustomer(100_000);
		String orderId = client.order(customer.id(), 10_000);
		assertThat(client.awaitTerminal(orderId, Duration.ofSeconds(90))).isEqualTo("COMPLETED");
		String poisonKey = "poison-" + UUID.randomUUID();
		topics.publish("order-events", poisonKey,
				Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", "order.created.v1"), "this is not JSON");

		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			List<String> missing = new ArrayList<>();
			expected.forEach((service, metrics) -> {
				String scrape = scrape(service);
				for (String metric : metrics) {
					boolean exported = scrape.lines()
						.filter(line -> !line.startsWith("#"))
						.anyMatch(line -> line.startsWith(metric + "{")
								&& line.contains("application=\"" + service + "\""));
					if (!exported) {
						missing.add(service + " " + metric);
					}
				}
			});
			assertThat(missing).as("series the chart reads but no scrape holds").isEmpty();
		});
		// the lag alert reads audit-fn's gauge per consumer group: a group it cannot find
		// reports NaN
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			List<String> lags = scrape("audit-fn").lines()
				.filter(line -> line.startsWith("saga_audit_consumer_lag{"))
				.toList();
			for (String group : List.of("order-fn", "customer-fn", "payment-fn", "email-fn", "audit-fn")) {
				assertThat(lags).as("lag of consumer group %s", group)
					.anySatisfy(line -> assertThat(line).contains("group=\"" + group + "\"").doesNotEndWith("NaN"));
			}
		});
	}

	/** Service → metric names, from the list the charts module checks. */
	private static Map<String, List<String>> listedSeries() throws IOException {
		Path file = Path.of(System.getProperty("repo.root", ".."), "charts", "observability-metrics.txt");
		Map<String, List<String>> series = new LinkedHashMap<>();
		for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			String entry = line.strip();
			if (entry.isEmpty() || entry.startsWith("#")) {
				continue;
			}
			String[] metricAndService = entry.split("\\s+");
			series.computeIfAbsent(metricAndService[1], s -> new ArrayList<>()).add(metricAndService[0]);
		}
		return series;
	}

	private String scrape(String service) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(scrapeUrl(stack, service)))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("GET %s", request.uri()).isEqualTo(200);
			return response.body();
		}
		catch (IOException e) {
			throw new AssertionError("GET " + request.uri() + " failed: " + e, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

}
