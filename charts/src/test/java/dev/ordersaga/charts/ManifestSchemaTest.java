package dev.ordersaga.charts;

import static dev.ordersaga.charts.Charts.DEV_INFRA;
import static dev.ordersaga.charts.Charts.ORDER_SAGA;
import static dev.ordersaga.charts.Charts.SAGA_SERVICE;
import static dev.ordersaga.charts.Charts.chart;
import static dev.ordersaga.charts.Charts.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every object the charts render, with defaults and with every switch on, is valid
 * against the Kubernetes 1.30 and CRD schemas kept in {@code charts/schemas}: what the
 * API server (and the CRDs' OpenAPI schemas) would reject fails the build, offline.
 */
class ManifestSchemaTest {

	private static final String EVERYTHING_ON = """
			global:
			  kafka:
			    securityProtocol: SASL_SSL
			    saslJaasConfigSecret: {name: order-saga}
			    caCertSecret: {name: my-cluster-cluster-ca-cert}
			    topicCreation: strimzi
			    egressTo:
			      - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kafka}}
			  mongodb:
			    caCertSecret: {name: mongodb-ca}
			  smtp:
			    credentialsSecret: {name: order-saga-smtp}
			  networkPolicy:
			    ingressFromNamespaces: [ingress-nginx]
			    scrapeFromNamespaces: [monitoring]
			    dnsPort: 5353
			  serviceMonitor: {enabled: true, labels: {release: prometheus}}
			  keda:
			    authenticationRef: {name: kafka-auth}
			topics: {strimziCluster: my-cluster, namespace: kafka}
			ingress: {enabled: true, className: nginx, host: saga.example.com, tlsSecretName: saga-tls}
			alerts: {enabled: true, labels: {release: prometheus}}
			grafanaDashboard: {enabled: true, annotations: {grafana_folder: Order saga}}
			order-fn:
			  keda: {enabled: true}
			  extraVolumes: [{name: corporate-ca, configMap: {name: corporate-ca}}]
			  extraVolumeMounts: [{name: corporate-ca, mountPath: /etc/corporate-ca, readOnly: true}]
			  envFrom: [{configMapRef: {name: order-fn-tuning}}]
			customer-fn:
			  autoscaling: {enabled: true}
			  podSecurityContext: {runAsUser: null, fsGroup: null}
			payment-fn:
			  env: {SAGA_PAYMENT_OUTAGE_RETRY_INTERVAL: 2s, JAVA_TOOL_OPTIONS: "-XX:+UseZGC"}
			""";

	private static ManifestSchemas schemas;

	private static Map<String, Manifests> renders;

	@BeforeAll
	static void renderEveryChart() {
		schemas = ManifestSchemas.ofRepository();
		renders = new LinkedHashMap<>();
		renders.put("order-saga (required values)",
				Charts.render(chart(ORDER_SAGA)).values(values("required-umbrella.yaml")).manifests());
		renders.put("order-saga (every switch on)",
				Charts.render(chart(ORDER_SAGA))
					.values(values("required-umbrella.yaml"))
					.values(EVERYTHING_ON)
					.manifests());
		renders.put("order-saga (values-dev.yaml)",
				Charts.render(chart(ORDER_SAGA)).values(chart(ORDER_SAGA).resolve("values-dev.yaml")).manifests());
		renders.put("saga-service (required values)",
				Charts.render(chart(SAGA_SERVICE)).values(values("required-service.yaml")).manifests());
		renders.put("dev-infra", Charts.render(chart(DEV_INFRA)).release("dev-infra").manifests());
	}

	@Test
	void everyRenderedObjectIsValidAgainstItsSchema() {
		List<String> violations = new ArrayList<>();
		renders.forEach((render, manifests) -> {
			for (Map<String, Object> object : manifests.objects()) {
				schemas.violations(object)
					.forEach(v -> violations.add(render + ": " + object.get("kind") + "/"
							+ Node.string(object, "metadata", "name") + ": " + v));
			}
		});
		assertThat(violations).isEmpty();
	}

	@Test
	void validatesEveryKindTheChartsRender() {
		Set<String> kinds = new TreeSet<>();
		renders.values().forEach(m -> kinds.addAll(m.kinds()));
		assertThat(kinds).contains("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
				"NetworkPolicy", "Ingress", "KafkaTopic", "ScaledObject", "ServiceMonitor", "PrometheusRule",
				"ConfigMap", "ServiceAccount", "Secret");
		renders.values()
			.forEach(m -> m.objects()
				.forEach(o -> assertThat(schemas.fileOf(o.get("apiVersion").toString(), o.get("kind").toString()))
					.as("schema of %s %s", o.get("apiVersion"), o.get("kind"))
					.isNotNull()));
		assertThat(schemas.fileOf("kafka.strimzi.io/v1", "KafkaUser")).isNotNull();
		assertThat(schemas.fileOf("kafka.strimzi.io/v1beta2", "KafkaTopic")).isNotNull();
	}

	@Test
	void rejectsAnEnvValueThatIsNotAString() {
		assertRejected(deployment(), d -> env(d).get(0).put("value", 8080),
				"/spec/template/spec/containers/0/env/0/value");
	}

	@Test
	void rejectsAMisspelledField() {
		assertRejected(deployment(), d -> container(d).put("livenesProbe", Map.of()), "livenesProbe");
	}

	@Test
	void rejectsAnImpossibleTopologySpread() {
		assertRejected(deployment(),
				d -> Node.maps(d, "spec", "template", "spec", "topologySpreadConstraints")
					.get(0)
					.put("whenUnsatisfiable", "Sometimes"),
				"whenUnsatisfiable");
	}

	@Test
	void rejectsKedaTriggerMetadataThatIsNotAString() {
		Map<String, Object> scaledObject = mutable(
				renders.get("order-saga (every switch on)").get("ScaledObject", "order-saga-order-fn"));
		assertThat(schemas.violations(scaledObject)).isEmpty();
		assertRejected(scaledObject,
				s -> Node.map(Node.maps(s, "spec", "triggers").get(0), "metadata").put("lagThreshold", 50),
				"lagThreshold");
	}

	@Test
	void rejectsAnAlertDurationPrometheusCannotParse() {
		Map<String, Object> rule = mutable(
				renders.get("order-saga (every switch on)").get("PrometheusRule", "order-saga"));
		assertRejected(rule,
				r -> Node.maps(Node.maps(r, "spec", "groups").get(0), "rules").get(0).put("for", "5 minutes"), "for");
	}

	@Test
	void rejectsAKafkaTopicWithoutPartitionsAndAcceptsAValidKafkaUser() {
		Map<String, Object> topic = mutable(renders.get("order-saga (every switch on)").ofKind("KafkaTopic").get(0));
		assertRejected(topic, t -> Node.map(t, "spec").put("partitions", 0), "partitions");

		Map<String, Object> user = yaml("""
				apiVersion: kafka.strimzi.io/v1
				kind: KafkaUser
				metadata:
				  name: order-saga
				  labels: {strimzi.io/cluster: my-cluster}
				spec:
				  authentication: {type: scram-sha-512}
				  authorization:
				    type: simple
				    acls:
				      - resource: {type: topic, name: order-events, patternType: literal}
				        operations: [Read, Describe, Write]
				      - resource: {type: group, name: order-fn, patternType: literal}
				        operations: [Read]
				""");
		assertThat(schemas.violations(user)).isEmpty();
		assertRejected(user, u -> Node.map(u, "spec", "authentication").put("type", "plain"), "type");
	}

	private static Map<String, Object> deployment() {
		Map<String, Object> deployment = mutable(
				renders.get("order-saga (required values)").get("Deployment", "order-saga-order-fn"));
		assertThat(schemas.violations(deployment)).isEmpty();
		return deployment;
	}

	private static Map<String, Object> container(Map<String, Object> deployment) {
		return Node.maps(deployment, "spec", "template", "spec", "containers").get(0);
	}

	private static List<Map<String, Object>> env(Map<String, Object> deployment) {
		return Node.maps(container(deployment), "env");
	}

	private static void assertRejected(Map<String, Object> object, Consumer<Map<String, Object>> damage,
			String mentioned) {
		damage.accept(object);
		assertThat(schemas.violations(object)).as("violations after the damage")
			.isNotEmpty()
			.anySatisfy(v -> assertThat(v).contains(mentioned));
	}

	/** A deep, modifiable copy (the rendered objects are shared by the tests). */
	private static Map<String, Object> mutable(Map<String, Object> object) {
		return yaml(new Yaml().dump(object));
	}

	private static Map<String, Object> yaml(String text) {
		return Node.asMap(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
	}

}
