package dev.ordersaga.charts;

import static dev.ordersaga.charts.Charts.SAGA_SERVICE;
import static dev.ordersaga.charts.Charts.chart;
import static dev.ordersaga.charts.Charts.render;
import static dev.ordersaga.charts.Charts.values;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generic chart on its own, as every service gets it. */
class SagaServiceChartTest {

	private static final String NAME = "order-saga-order-fn";

	private static Path required;

	private static Manifests defaults;

	@BeforeAll
	static void renderWithOnlyTheRequiredValues() {
		required = values("required-service.yaml");
		defaults = render(chart(SAGA_SERVICE)).values(required).manifests();
	}

	@Test
	void rendersAProductionReadyServiceFromTheRequiredValuesAlone() {
		ServiceChecks.assertProductionReady(defaults, "order-saga", "order-fn");
		assertThat(defaults.kinds()).containsExactlyInAnyOrder("ConfigMap", "Deployment", "NetworkPolicy",
				"PodDisruptionBudget", "Service", "ServiceAccount");
	}

	@Test
	void namesTheImageAfterTheServiceLikeJibDoes() {
		assertThat(Node.string(ServiceChecks.container(defaults, NAME), "image"))
			.isEqualTo("ghcr.io/order-saga/order-fn:" + System.getProperty("project.version"));
	}

	@Test
	void passesStrictLintWithTheRequiredValues() {
		LintResult lint = Charts.lint(SAGA_SERVICE, required);
		assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
	}

	@Test
	void lintOfTheBareChartNamesTheMissingRequiredValues() {
		LintResult lint = Charts.lint(SAGA_SERVICE);
		assertThat(lint.isFailed()).isTrue();
		assertThat(String.join("\n", lint.getMessages())).contains("/global/kafka/bootstrapServers")
			.contains("/global/mongodb/uriSecret/name");
	}

	@Test
	void rejectsAValueOfTheWrongTypeNamingTheField() {
		String error = render(chart(SAGA_SERVICE)).values(required).values("replicaCount: two").error();
		assertThat(error).contains("values don't meet the specifications of the schema")
			.contains("/replicaCount")
			.contains("got string, want integer");
	}

	@Test
	void rejectsUnknownKeysSoThatTyposDoNotPassSilently() {
		String error = render(chart(SAGA_SERVICE)).values(required).values("replicas: 3").error();
		assertThat(error).contains("replicas");
	}

	@Test
	void rejectsCredentialsAsPlainEnvironmentVariables() {
		String error = render(chart(SAGA_SERVICE)).values(required).values("""
				env:
				  SPRING_MAIL_PASSWORD: hunter2
				""").error();
		assertThat(error).contains("SPRING_MAIL_PASSWORD");
	}

	@Test
	void requiresTheJaasSecretWhenKafkaUsesSasl() {
		String error = render(chart(SAGA_SERVICE)).values(required).values("""
				global:
				  kafka:
				    securityProtocol: SASL_SSL
				""").error();
		assertThat(error).contains("/global/kafka/saslJaasConfigSecret/name");
	}

	@Test
	void takesSaslCredentialsAndTheBrokerCaFromSecrets() {
		Manifests manifests = render(chart(SAGA_SERVICE)).values(required).values("""
				global:
				  kafka:
				    securityProtocol: SASL_SSL
				    saslMechanism: SCRAM-SHA-512
				    saslJaasConfigSecret:
				      name: order-saga-kafka-user
				    caCertSecret:
				      name: my-cluster-cluster-ca-cert
				""").manifests();
		ServiceChecks.assertProductionReady(manifests, "order-saga", "order-fn");
		Map<String, Object> container = ServiceChecks.container(manifests, NAME);
		Map<String, Map<String, Object>> env = ServiceChecks.env(container);
		assertThat(Node.map(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_JAAS_CONFIG"), "valueFrom",
				"secretKeyRef"))
			.containsEntry("name", "order-saga-kafka-user")
			.containsEntry("key", "sasl.jaas.config");
		assertThat(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SECURITY_PROTOCOL")).containsEntry("value",
				"SASL_SSL");
		assertThat(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_MECHANISM")).containsEntry("value",
				"SCRAM-SHA-512");
		assertThat(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_TRUSTSTORE_LOCATION"))
			.containsEntry("value", "/etc/kafka-ca/ca.crt");
		assertThat(Node.maps(container, "volumeMounts")).extracting(m -> m.get("mountPath")).contains("/etc/kafka-ca");
	}

	@Test
	void leavesSaslOutForPlaintextKafka() {
		assertThat(ServiceChecks.env(ServiceChecks.container(defaults, NAME))).doesNotContainKeys(
				"SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_JAAS_CONFIG",
				"SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_MECHANISM");
	}

	@Test
	void rollsThePodsWhenTheSpringConfigChangesAndOnlyThen() {
		String checksum = checksum(defaults);
		Manifests otherConfig = render(chart(SAGA_SERVICE)).values(required).values("""
				config:
				  logging:
				    level:
				      dev.ordersaga: DEBUG
				""").manifests();
		Manifests otherReplicas = render(chart(SAGA_SERVICE)).values(required).values("replicaCount: 3").manifests();

		assertThat(checksum(otherConfig)).isNotEqualTo(checksum);
		assertThat(ServiceChecks.applicationYaml(otherConfig, NAME)).containsKey("logging");
		assertThat(checksum(otherReplicas)).isEqualTo(checksum);
	}

	@Test
	void refusesAGracePeriodThatCannotCoverPreStopAndDrain() {
		String error = render(chart(SAGA_SERVICE)).values(required).values("""
				shutdown:
				  preStopSleepSeconds: 10
				  drainSeconds: 30
				  terminationGracePeriodSeconds: 35
				""").error();
		assertThat(error).contains("terminationGracePeriodSeconds").contains("must exceed");
	}

	@Test
	void rendersTheCpuAutoscalerOnlyWhenEnabledAndThenLeavesReplicasToIt() {
		assertThat(defaults.ofKind("HorizontalPodAutoscaler")).isEmpty();
		assertThat(Node.at(defaults.get("Deployment", NAME), "spec", "replicas")).isEqualTo(2);

		Manifests autoscaled = render(chart(SAGA_SERVICE)).values(required).values("""
				autoscaling:
				  enabled: true
				  minReplicas: 2
				  maxReplicas: 5
				""").manifests();
		Map<String, Object> hpa = autoscaled.get("HorizontalPodAutoscaler", NAME);
		assertThat(Node.string(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(NAME);
		assertThat(Node.at(hpa, "spec", "maxReplicas")).isEqualTo(5);
		assertThat(Node.map(autoscaled.get("Deployment", NAME), "spec")).doesNotContainKey("replicas");
		assertThat(autoscaled.ofKind("ScaledObject")).isEmpty();
	}

	@Test
	void scalesOnConsumerLagWithKedaInsteadOfTheCpuAutoscaler() {
		Manifests keda = render(chart(SAGA_SERVICE)).values(required).values("""
				kafkaConsumer:
				  topics: [customer-events, payment-events]
				autoscaling:
				  enabled: true
				keda:
				  enabled: true
				  lagThreshold: 20
				  maxReplicaCount: 6
				""").manifests();

		assertThat(keda.ofKind("HorizontalPodAutoscaler")).as("KEDA owns the HPA; a second one would fight it")
			.isEmpty();
		Map<String, Object> scaledObject = keda.get("ScaledObject", NAME);
		assertThat(Node.string(scaledObject, "apiVersion")).isEqualTo("keda.sh/v1alpha1");
		assertThat(Node.string(scaledObject, "spec", "scaleTargetRef", "name")).isEqualTo(NAME);
		List<Map<String, Object>> triggers = Node.maps(scaledObject, "spec", "triggers");
		assertThat(triggers).extracting(t -> t.get("type")).containsOnly("kafka");
		assertThat(triggers).extracting(t -> Node.string(t, "metadata", "topic"))
			.containsExactly("customer-events", "payment-events");
		assertThat(triggers)
			.allSatisfy(t -> assertThat(Node.map(t, "metadata")).containsEntry("consumerGroup", "order-fn")
				.containsEntry("bootstrapServers", "my-cluster-kafka-bootstrap.kafka:9093")
				.containsEntry("lagThreshold", "20"));
		assertThat(Node.map(keda.get("Deployment", NAME), "spec")).doesNotContainKey("replicas");
	}

	@Test
	void refusesKedaWithoutTopicsToWatch() {
		String error = render(chart(SAGA_SERVICE)).values(required).values("keda: {enabled: true}").error();
		assertThat(error).contains("/kafkaConsumer/topics");
	}

	@Test
	void rendersAServiceMonitorOnTheActuatorEndpointWhenEnabled() {
		assertThat(defaults.ofKind("ServiceMonitor")).isEmpty();
		Manifests monitored = render(chart(SAGA_SERVICE)).values(required).values("""
				global:
				  serviceMonitor:
				    enabled: true
				    labels:
				      release: prometheus
				""").manifests();
		Map<String, Object> monitor = monitored.get("ServiceMonitor", NAME);
		assertThat(Node.map(monitor, "metadata", "labels")).containsEntry("release", "prometheus");
		assertThat(Node.maps(monitor, "spec", "endpoints")).singleElement()
			.satisfies(e -> assertThat(e).containsEntry("port", "management")
				.containsEntry("path", "/actuator/prometheus"));
	}

	@Test
	void letsTheIngressNamespaceReachTheApiPortAndOnlyPrometheusNamespaceTheManagementPort() {
		Manifests manifests = render(chart(SAGA_SERVICE)).values(required).values("""
				global:
				  networkPolicy:
				    ingressFromNamespaces: [ingress-nginx]
				    scrapeFromNamespaces: [monitoring]
				""").manifests();
		List<Map<String, Object>> rules = Node.maps(manifests.get("NetworkPolicy", NAME), "spec", "ingress");
		assertThat(rules).hasSize(2);
		assertThat(Node.maps(rules.get(0), "ports")).extracting(p -> p.get("port")).containsExactly(8080);
		assertThat(Node.maps(rules.get(0), "from"))
			.extracting(peer -> Node.string(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"))
			.containsExactly(null, "ingress-nginx");
		assertThat(Node.maps(rules.get(1), "ports")).extracting(p -> p.get("port")).containsExactly(8081);
		assertThat(Node.maps(rules.get(1), "from"))
			.extracting(peer -> Node.string(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"))
			.containsExactly(null, "monitoring");
	}

	@Test
	void letsTheServiceOutOnlyToDnsKafkaAndMongoDbByDefault() {
		List<Map<String, Object>> egress = Node.maps(defaults.get("NetworkPolicy", NAME), "spec", "egress");
		assertThat(egress).extracting(rule -> Node.maps(rule, "ports").stream().map(p -> p.get("port")).toList())
			.containsExactly(List.of(53, 53), List.of(9092, 9093), List.of(27017));
	}

	@Test
	void opensEgressToThePaymentProviderOnlyForTheServiceThatCallsIt() {
		Manifests manifests = render(chart(SAGA_SERVICE)).values(required).values("""
				integrations:
				  paymentProvider: true
				global:
				  paymentProvider:
				    baseUrl: https://api.payments.example.com
				    apiKeySecret:
				      name: order-saga-payment-provider
				    cidrs: [203.0.113.0/24]
				    port: 443
				""").manifests();
		assertThat(Node.maps(manifests.get("NetworkPolicy", NAME), "spec", "egress")).anySatisfy(rule -> {
			assertThat(Node.string(rule, "to", 0, "ipBlock", "cidr")).isEqualTo("203.0.113.0/24");
			assertThat(Node.maps(rule, "ports")).extracting(p -> p.get("port")).containsExactly(443);
		});
		Map<String, Map<String, Object>> env = ServiceChecks.env(ServiceChecks.container(manifests, NAME));
		assertThat(env.get("SAGA_PAYMENT_PROVIDER_BASE_URL")).containsEntry("value",
				"https://api.payments.example.com");
		assertThat(Node.map(env.get("SAGA_PAYMENT_PROVIDER_API_KEY"), "valueFrom", "secretKeyRef"))
			.containsEntry("name", "order-saga-payment-provider")
			.containsEntry("key", "api-key");
	}

	@Test
	void dropsTheNetworkPolicyWhenSwitchedOff() {
		Manifests manifests = render(chart(SAGA_SERVICE)).values(required)
			.values("global: {networkPolicy: {enabled: false}}")
			.manifests();
		assertThat(manifests.ofKind("NetworkPolicy")).isEmpty();
	}

	@Test
	void usesTheImageSkaffoldBuiltWhenGivenAFullReference() {
		String reference = "localhost:5000/order-fn:3f2a1b@sha256:" + "a".repeat(64);
		Manifests manifests = render(chart(SAGA_SERVICE)).values(required)
			.values("image: {reference: \"" + reference + "\"}")
			.manifests();
		assertThat(Node.string(ServiceChecks.container(manifests, NAME), "image")).isEqualTo(reference);
		assertThat(Node.string(manifests.get("Deployment", NAME), "metadata", "labels", "app.kubernetes.io/version"))
			.isEqualTo("3f2a1b");
	}

	private static String checksum(Manifests manifests) {
		return Node.string(manifests.get("Deployment", NAME), "spec", "template", "metadata", "annotations",
				"checksum/config");
	}

}
