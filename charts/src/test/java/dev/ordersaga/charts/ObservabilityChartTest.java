package dev.ordersaga.charts;

import static dev.ordersaga.charts.Charts.ORDER_SAGA;
import static dev.ordersaga.charts.Charts.chart;
import static dev.ordersaga.charts.Charts.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The alerts and the Grafana dashboard shipped with the umbrella chart, rendered and read
 * as Prometheus and Grafana would, and the series they read checked against
 * {@code charts/observability-metrics.txt} (which devstack's ExportedMetricsTest checks
 * against the services' scrape output).
 */
class ObservabilityChartTest {

	private static final String RELEASE = "order-saga";

	private static final String SWITCHED_ON = """
			alerts:
			  enabled: true
			  labels: {release: prometheus}
			  alertLabels: {team: checkout}
			  consumerLag: {threshold: 250, for: 7m}
			  paymentCircuitOpen: {for: 3m}
			  deadLetters: {window: 30m}
			grafanaDashboard:
			  enabled: true
			  annotations: {grafana_folder: Order saga}
			""";

	private static Path required;

	private static Manifests on;

	@BeforeAll
	static void render() {
		required = values("required-umbrella.yaml");
		on = Charts.render(chart(ORDER_SAGA)).release(RELEASE).values(required).values(SWITCHED_ON).manifests();
	}

	@Test
	void rendersNeitherRuleNorDashboardUnlessSwitchedOn() {
		Manifests defaults = Charts.render(chart(ORDER_SAGA)).release(RELEASE).values(required).manifests();
		assertThat(defaults.kinds()).doesNotContain("PrometheusRule");
		assertThat(defaults.names("ConfigMap")).doesNotContain("order-saga-dashboard");
	}

	@Test
	void alertsOnViolationsStuckSagasLagDeadLettersTheOpenPaymentCircuitAndMailFailures() {
		Map<String, Object> rule = on.get("PrometheusRule", "order-saga");
		assertThat(Node.map(rule, "metadata", "labels")).containsEntry("release", "prometheus");
		Map<String, Map<String, Object>> alerts = alerts(rule);
		assertThat(alerts).containsOnlyKeys("OrderSagaViolations", "OrderSagasStuck", "OrderSagaConsumerLag",
				"OrderSagaDeadLetters", "OrderSagaPaymentCircuitOpen", "OrderSagaMailFailures");

		assertThat(expr(alerts, "OrderSagaViolations")).contains("saga_audit_violations").endsWith("> 0");
		assertThat(expr(alerts, "OrderSagasStuck")).contains("saga_audit_sagas_stuck").endsWith("> 0");
		assertThat(expr(alerts, "OrderSagaConsumerLag")).contains("saga_audit_consumer_lag").endsWith("> 250");
		assertThat(alerts.get("OrderSagaConsumerLag")).containsEntry("for", "7m");
		assertThat(expr(alerts, "OrderSagaDeadLetters")).contains("increase(saga_audit_deadletters_total{", "[30m]))")
			.endsWith("> 0");
		assertThat(expr(alerts, "OrderSagaPaymentCircuitOpen"))
			.contains("resilience4j_circuitbreaker_state{application=\"payment-fn\", state=\"open\"");
		assertThat(alerts.get("OrderSagaPaymentCircuitOpen")).containsEntry("for", "3m");
		assertThat(expr(alerts, "OrderSagaMailFailures")).contains("saga_email_outcomes_total", "outcome=\"FAILED\"");

		assertThat(alerts.values()).allSatisfy(alert -> {
			assertThat(Node.string(alert, "expr")).contains("namespace=\"order-saga\"");
			assertThat(Node.map(alert, "labels")).containsKey("severity").containsEntry("team", "checkout");
			assertThat(Node.string(alert, "annotations", "summary")).isNotBlank().contains("{{");
			assertThat(Node.string(alert, "annotations", "description")).isNotBlank();
		});
		assertThat(Node.string(alerts.get("OrderSagaViolations"), "labels", "severity")).isEqualTo("critical");
	}

	@Test
	void shipsTheDashboardInAConfigMapTheGrafanaSidecarLoads() {
		Map<String, Object> configMap = on.get("ConfigMap", "order-saga-dashboard");
		assertThat(Node.map(configMap, "metadata", "labels")).containsEntry("grafana_dashboard", "1");
		assertThat(Node.map(configMap, "metadata", "annotations")).containsEntry("grafana_folder", "Order saga");
		Map<String, Object> dashboard = dashboard(configMap);
		assertThat(dashboard).containsEntry("uid", "order-saga");

		List<Map<String, Object>> panels = Node.maps(dashboard, "panels");
		assertThat(panels).extracting(p -> p.get("title"))
			.contains("Throughput", "Saga latency", "Sagas by state", "Consumer lag", "Dead letters",
					"Payment circuit breaker", "Rule violations", "Stuck sagas");
		assertThat(panels).filteredOn(p -> !"row".equals(p.get("type"))).allSatisfy(panel -> {
			assertThat(Node.maps(panel, "targets")).isNotEmpty()
				.allSatisfy(t -> assertThat(Node.string(t, "expr")).contains("namespace=\"$namespace\""));
			assertThat(Node.string(panel, "datasource", "uid")).isEqualTo("${datasource}");
		});
		assertThat(exprs(panels, "Saga latency")).allSatisfy(
				e -> assertThat(e).startsWith("histogram_quantile(").contains("saga_audit_latency_seconds_bucket"));
		assertThat(Node.maps(dashboard, "templating", "list")).extracting(v -> v.get("name"))
			.containsExactly("datasource", "namespace");
		// panels do not overlap on Grafana's 24-column grid
		assertThat(panels)
			.allSatisfy(p -> assertThat(((Integer) Node.at(p, "gridPos", "x")) + ((Integer) Node.at(p, "gridPos", "w")))
				.isLessThanOrEqualTo(24));
		assertThat(panels).extracting(p -> p.get("id")).doesNotHaveDuplicates();
	}

	@Test
	void putsTheDashboardWhereTheSidecarLooks() {
		Manifests elsewhere = Charts.render(chart(ORDER_SAGA))
			.release(RELEASE)
			.values(required)
			.values("grafanaDashboard: {enabled: true, namespace: monitoring, labels: {grafana_dashboard: order-saga}}")
			.manifests();
		Map<String, Object> configMap = elsewhere.get("ConfigMap", "order-saga-dashboard");
		assertThat(Node.string(configMap, "metadata", "namespace")).isEqualTo("monitoring");
		assertThat(Node.map(configMap, "metadata", "labels")).containsEntry("grafana_dashboard", "order-saga");
	}

	@Test
	void readsExactlyTheSeriesListedForTheScrapeCheck() throws IOException {
		Set<PromQl.Series> used = new TreeSet<>(java.util.Comparator.comparing(PromQl.Series::toString));
		alerts(on.get("PrometheusRule", "order-saga")).values()
			.forEach(alert -> used.addAll(PromQl.series(Node.string(alert, "expr"))));
		Map<String, Object> dashboard = dashboard(on.get("ConfigMap", "order-saga-dashboard"));
		for (Map<String, Object> panel : Node.maps(dashboard, "panels")) {
			Node.maps(panel, "targets").forEach(t -> used.addAll(PromQl.series(Node.string(t, "expr"))));
		}
		Pattern labelValues = Pattern.compile("label_values\\((.+),\\s*[a-zA-Z_]+\\)");
		for (Map<String, Object> variable : Node.maps(dashboard, "templating", "list")) {
			String query = Node.string(variable, "query", "query");
			if (query != null) {
				Matcher matcher = labelValues.matcher(query);
				assertThat(matcher.matches()).as("variable query %s", query).isTrue();
				used.addAll(PromQl.series(matcher.group(1)));
			}
		}

		assertThat(used.stream().map(PromQl.Series::toString).toList())
			.as("series the rule and dashboard read vs. charts/observability-metrics.txt")
			.containsExactlyElementsOf(listed());
	}

	@Test
	void findsTheSeriesOfAnExpressionAndNotItsFunctionsLabelsOrDurations() {
		assertThat(PromQl.series("histogram_quantile(0.95, sum by (le, state) (rate(a_b_bucket{application=\"x\", "
				+ "le=~\"1.*\"}[$__rate_interval]))) > on (le) group_left (c) c_total{application=\"y\"} offset 5m"))
			.containsExactly(new PromQl.Series("a_b_bucket", "x"), new PromQl.Series("c_total", "y"));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> PromQl.series("sum(rate(unpinned_total[1m]))"))
			.hasMessageContaining("unpinned_total");
	}

	static Set<String> listed() throws IOException {
		Path file = Charts.repoRoot().resolve("charts/observability-metrics.txt");
		return Files.readAllLines(file)
			.stream()
			.map(String::strip)
			.filter(line -> !line.isEmpty() && !line.startsWith("#"))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static Map<String, Map<String, Object>> alerts(Map<String, Object> rule) {
		Map<String, Map<String, Object>> alerts = new java.util.LinkedHashMap<>();
		for (Map<String, Object> group : Node.maps(rule, "spec", "groups")) {
			for (Map<String, Object> alert : Node.maps(group, "rules")) {
				assertThat(alerts.put(Node.string(alert, "alert"), alert)).as("alert %s twice", alert.get("alert"))
					.isNull();
			}
		}
		return alerts;
	}

	private static String expr(Map<String, Map<String, Object>> alerts, String name) {
		return Node.string(alerts.get(name), "expr");
	}

	private static Map<String, Object> dashboard(Map<String, Object> configMap) {
		String json = Node.string(configMap, "data", "order-saga.json");
		assertThat(json).as("dashboard JSON").isNotBlank();
		// JSON is YAML: parse it strictly, duplicate keys rejected
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		return Node.asMap(new Yaml(new SafeConstructor(options)).load(json));
	}

	private static List<String> exprs(List<Map<String, Object>> panels, String title) {
		return panels.stream()
			.filter(p -> title.equals(p.get("title")))
			.flatMap(p -> Node.maps(p, "targets").stream())
			.map(t -> Node.string(t, "expr"))
			.toList();
	}

}
