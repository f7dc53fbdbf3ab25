package dev.ordersaga.charts;

import static dev.ordersaga.charts.Charts.ORDER_SAGA;
import static dev.ordersaga.charts.Charts.SERVICES;
import static dev.ordersaga.charts.Charts.chart;
import static dev.ordersaga.charts.Charts.render;
import static dev.ordersaga.charts.Charts.values;
import static dev.ordersaga.charts.ServiceChecks.container;
import static dev.ordersaga.charts.ServiceChecks.env;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The umbrella chart: the whole system through one generic chart. */
class OrderSagaChartTest {

	private static final String RELEASE = "order-saga";

	private static Path required;

	private static Manifests minimal;

	private static Manifests strimziWithIngress;

	@BeforeAll
	static void render() {
		required = values("required-umbrella.yaml");
		minimal = Charts.render(chart(ORDER_SAGA)).release(RELEASE).values(required).manifests();
		strimziWithIngress = Charts.render(chart(ORDER_SAGA)).release(RELEASE).values(required).values("""
				global:
				  kafka:
				    topicCreation: strimzi
				topics:
				  strimziCluster: my-cluster
				  namespace: kafka
				ingress:
				  enabled: true
				  className: nginx
				  host: saga.example.com
				  tlsSecretName: saga-example-com-tls
				""").manifests();
	}

	@Test
	void installsEveryServiceProductionReadyFromTheDocumentedRequiredValuesAlone() {
		assertThat(minimal.names("Deployment")).containsExactlyInAnyOrderElementsOf(
				SERVICES.stream().map(s -> ServiceChecks.fullname(RELEASE, s)).toList());
		for (String service : SERVICES) {
			ServiceChecks.assertProductionReady(minimal, RELEASE, service);
		}
	}

	@Test
	void passesStrictLintWithTheDocumentedRequiredValues() {
		LintResult lint = Charts.lint(ORDER_SAGA, required);
		assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
	}

	@Test
	void copiesNoServiceTemplateIntoTheUmbrellaChart() throws IOException {
		Map<String, Object> chartYaml = Charts.readYaml(Charts.source(ORDER_SAGA).resolve("Chart.yaml"));
		assertThat(Node.maps(chartYaml, "dependencies"))
			.allSatisfy(dependency -> assertThat(dependency).containsEntry("name", "saga-service")
				.containsEntry("repository", "file://../saga-service")
				.containsEntry("condition", dependency.get("alias") + ".enabled"));
		assertThat(Node.maps(chartYaml, "dependencies")).extracting(d -> d.get("alias"))
			.containsExactlyElementsOf(SERVICES);
		try (Stream<Path> templates = Files.list(Charts.source(ORDER_SAGA).resolve("templates"))) {
			assertThat(templates.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("_helpers.tpl",
					"NOTES.txt", "ingress.yaml", "kafkatopics.yaml", "kafkausers.yaml", "prometheusrule.yaml",
					"grafana-dashboard.yaml");
		}
		assertThat(minimal.ofKind("Deployment")).allSatisfy(
				d -> assertThat(Node.string(d, "metadata", "labels", "helm.sh/chart")).startsWith("saga-service-"));
	}

	@Test
	void givesEachServiceOnlyTheSettingsItNeeds() {
		Map<String, Map<String, Object>> order = env(container(minimal, "order-saga-order-fn"));
		Map<String, Map<String, Object>> payment = env(container(minimal, "order-saga-payment-fn"));
		Map<String, Map<String, Object>> email = env(container(minimal, "order-saga-email-fn"));

		assertThat(order).containsKey("SAGA_ORDER_DEADLINE");
		assertThat(order.get("SAGA_ORDER_DEADLINE")).containsEntry("value", "PT2H");
		assertThat(payment.get("SAGA_PAYMENT_PROVIDER_BASE_URL")).containsEntry("value",
				"https://api.payments.example.com");
		assertThat(Node.string(payment.get("SAGA_PAYMENT_PROVIDER_API_KEY"), "valueFrom", "secretKeyRef", "name"))
			.isEqualTo("order-saga-payment-provider");
		assertThat(email.get("SPRING_MAIL_HOST")).containsEntry("value", "smtp.example.com");
		assertThat(email.get("SPRING_MAIL_PORT")).containsEntry("value", "587");

		for (String service : SERVICES) {
			Map<String, Map<String, Object>> env = env(container(minimal, ServiceChecks.fullname(RELEASE, service)));
			assertThat(env.containsKey("SAGA_ORDER_DEADLINE")).as("deadline in %s", service)
				.isEqualTo(service.equals("order-fn"));
			assertThat(env.containsKey("SAGA_PAYMENT_PROVIDER_API_KEY")).as("provider key in %s", service)
				.isEqualTo(service.equals("payment-fn"));
			assertThat(env.containsKey("SPRING_MAIL_HOST")).as("SMTP in %s", service)
				.isEqualTo(service.equals("email-fn"));
			assertThat(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS")).containsEntry("value",
					"my-cluster-kafka-bootstrap.kafka:9093");
			assertThat(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_AUTO_CREATE_TOPICS")).containsEntry("value", "true");
			assertThat(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_AUTO_ADD_PARTITIONS")).containsEntry("value", "true");
			assertThat(Node.map(env.get("SPRING_MONGODB_URI"), "valueFrom", "secretKeyRef"))
				.containsEntry("name", "order-saga-mongodb")
				.containsEntry("key", "uri");
		}
	}

	@Test
	void createsNoSecretAndWritesNoCredentialIntoAnyManifest() {
		assertThat(minimal.ofKind("Secret")).isEmpty();
		for (Map<String, Object> deployment : minimal.ofKind("Deployment")) {
			assertThat(ServiceChecks
				.plainTextCredentials(Node.maps(deployment, "spec", "template", "spec", "containers").get(0)))
				.as("plain credentials in %s", Node.string(deployment, "metadata", "name"))
				.isEmpty();
		}
	}

	@Test
	void rejectsAValueOfTheWrongTypeInAServiceBlockNamingServiceAndField() {
		String error = Charts.render(chart(ORDER_SAGA))
			.values(required)
			.values("payment-fn: {replicaCount: two}")
			.error();
		assertThat(error).contains("payment-fn").contains("/replicaCount").contains("got string, want integer");
	}

	@Test
	void rejectsAnInstallWithoutTheRequiredValuesNamingThem() {
		String error = Charts.render(chart(ORDER_SAGA)).error();
		assertThat(error).contains("/global/kafka/bootstrapServers", "/global/mongodb/uriSecret/name",
				"/global/paymentProvider/baseUrl", "/global/paymentProvider/apiKeySecret/name", "/global/smtp/host");
	}

	@Test
	void dropsTheSettingsOfADisabledServiceFromTheRequiredValues() {
		Manifests withoutPayments = Charts.render(chart(ORDER_SAGA)).release(RELEASE).values("""
				global:
				  kafka: {bootstrapServers: "kafka:9092"}
				  mongodb: {uriSecret: {name: mongo}}
				  smtp: {host: smtp.example.com}
				payment-fn:
				  enabled: false
				""").manifests();
		assertThat(withoutPayments.names("Deployment")).hasSize(4).doesNotContain("order-saga-payment-fn");
		assertThat(withoutPayments.objects())
			.noneSatisfy(o -> assertThat(Node.string(o, "metadata", "name")).isEqualTo("order-saga-payment-fn"));
	}

	@Test
	void rendersStrimziTopicsWithDeadLettersAndTheCompactedProfileTopic() {
		List<Map<String, Object>> topics = strimziWithIngress.ofKind("KafkaTopic");
		List<String> events = List.of("order-events", "customer-events", "payment-events", "email-events");
		assertThat(topics).extracting(t -> Node.string(t, "spec", "topicName"))
			.containsExactlyInAnyOrder("order-events", "customer-events", "payment-events", "email-events",
					"customer-profiles", "order-events.dlq", "customer-events.dlq", "payment-events.dlq",
					"email-events.dlq", "customer-profiles.dlq");
		assertThat(topics).allSatisfy(t -> {
			assertThat(Node.map(t, "metadata", "labels")).containsEntry("strimzi.io/cluster", "my-cluster");
			assertThat(Node.string(t, "metadata", "namespace")).isEqualTo("kafka");
			assertThat(Node.map(t, "metadata", "annotations")).containsEntry("helm.sh/resource-policy", "keep");
			assertThat(Node.at(t, "spec", "partitions"))
				.isEqualTo(Node.string(t, "spec", "topicName").endsWith(".dlq") ? 1 : 6);
			assertThat(Node.at(t, "spec", "replicas")).isEqualTo(3);
			assertThat(Node.map(t, "spec", "config")).containsKey("retention.ms");
		});
		assertThat(topics).filteredOn(t -> events.contains(Node.string(t, "spec", "topicName")))
			.allSatisfy(t -> assertThat(Node.map(t, "spec", "config")).doesNotContainKey("cleanup.policy"));
		Map<String, Object> profiles = topics.stream()
			.filter(t -> "customer-profiles".equals(Node.string(t, "spec", "topicName")))
			.findFirst()
			.orElseThrow();
		assertThat(Node.map(profiles, "spec", "config")).containsEntry("cleanup.policy", "compact");
		Map<String, Object> profilesDlq = topics.stream()
			.filter(t -> "customer-profiles.dlq".equals(Node.string(t, "spec", "topicName")))
			.findFirst()
			.orElseThrow();
		assertThat(Node.map(profilesDlq, "spec", "config")).as("dead letters are deleted, not compacted")
			.doesNotContainKey("cleanup.policy");
	}

	@Test
	void switchesTheBindersTopicCreationOffWhenStrimziOwnsTheTopics() {
		for (String service : SERVICES) {
			Map<String, Map<String, Object>> env = env(
					container(strimziWithIngress, ServiceChecks.fullname(RELEASE, service)));
			assertThat(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_AUTO_CREATE_TOPICS")).as(service)
				.containsEntry("value", "false");
			assertThat(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_AUTO_ADD_PARTITIONS")).as(service)
				.containsEntry("value", "false");
		}
		assertThat(minimal.ofKind("KafkaTopic")).isEmpty();
	}

	@Test
	void requiresTheStrimziClusterForStrimziTopics() {
		String error = Charts.render(chart(ORDER_SAGA))
			.values(required)
			.values("global: {kafka: {topicCreation: strimzi}}")
			.error();
		assertThat(error).contains("/topics/strimziCluster");
	}

	@Test
	void routesTheApisAndTheDashboardThroughOneIngress() {
		assertThat(minimal.ofKind("Ingress")).isEmpty();
		Map<String, Object> ingress = strimziWithIngress.get("Ingress", "order-saga");
		assertThat(Node.string(ingress, "spec", "ingressClassName")).isEqualTo("nginx");
		assertThat(Node.string(ingress, "spec", "tls", 0, "secretName")).isEqualTo("saga-example-com-tls");
		Map<String, Object> rule = Node.maps(ingress, "spec", "rules").get(0);
		assertThat(rule).containsEntry("host", "saga.example.com");
		Map<String, String> backends = new java.util.LinkedHashMap<>();
		Node.maps(rule, "http", "paths")
			.forEach(p -> backends.put(p.get("path").toString(), Node.string(p, "backend", "service", "name")));
		assertThat(backends).containsExactly(Map.entry("/orders", "order-saga-order-fn"),
				Map.entry("/customers", "order-saga-customer-fn"), Map.entry("/payments", "order-saga-payment-fn"),
				Map.entry("/emails", "order-saga-email-fn"), Map.entry("/sagas", "order-saga-audit-fn"),
				Map.entry("/consistency", "order-saga-audit-fn"), Map.entry("/", "order-saga-audit-fn"));
		assertThat(backends.values())
			.allSatisfy(service -> assertThat(strimziWithIngress.names("Service")).contains(service));
	}

	@Test
	void skipsIngressRoutesOfDisabledServices() {
		Manifests manifests = Charts.render(chart(ORDER_SAGA))
			.release(RELEASE)
			.values(required)
			.values("ingress: {enabled: true}\nemail-fn: {enabled: false}")
			.manifests();
		assertThat(Node.maps(manifests.get("Ingress", "order-saga"), "spec", "rules", 0, "http", "paths"))
			.extracting(p -> p.get("path"))
			.doesNotContain("/emails")
			.contains("/orders", "/");
	}

	@Test
	void runsAuditFnAsOneReplicaBecauseItKeepsItsOverviewInMemory() {
		assertThat(Node.at(minimal.get("Deployment", "order-saga-audit-fn"), "spec", "replicas")).isEqualTo(1);
		assertThat(Node.at(minimal.get("Deployment", "order-saga-order-fn"), "spec", "replicas")).isEqualTo(2);
	}

	@Test
	void scalesOneServiceWithKedaWhileTheOthersKeepTheirReplicas() {
		Manifests manifests = Charts.render(chart(ORDER_SAGA))
			.release(RELEASE)
			.values(required)
			.values("payment-fn: {keda: {enabled: true}, autoscaling: {enabled: true}}")
			.manifests();
		Map<String, Object> scaledObject = manifests.get("ScaledObject", "order-saga-payment-fn");
		assertThat(Node.maps(scaledObject, "spec", "triggers")).singleElement()
			.satisfies(t -> assertThat(Node.map(t, "metadata")).containsEntry("topic", "order-events")
				.containsEntry("consumerGroup", "payment-fn"));
		assertThat(manifests.names("ScaledObject")).containsExactly("order-saga-payment-fn");
		assertThat(manifests.ofKind("HorizontalPodAutoscaler")).isEmpty();
		assertThat(Node.map(manifests.get("Deployment", "order-saga-payment-fn"), "spec"))
			.doesNotContainKey("replicas");
		assertThat(Node.at(manifests.get("Deployment", "order-saga-order-fn"), "spec", "replicas")).isEqualTo(2);
	}

	@Test
	void rendersTheLaptopValuesAgainstWhatDevInfraProvides() {
		Manifests dev = Charts.render(chart(ORDER_SAGA))
			.release(RELEASE)
			.values(Charts.chart(ORDER_SAGA).resolve("values-dev.yaml"))
			.manifests();
		Manifests infra = Charts.render(chart(Charts.DEV_INFRA)).release("dev-infra").manifests();

		for (String service : SERVICES) {
			ServiceChecks.assertProductionReady(dev, RELEASE, service);
			Map<String, Object> deployment = dev.get("Deployment", ServiceChecks.fullname(RELEASE, service));
			assertThat(Node.at(deployment, "spec", "replicas")).as(service).isEqualTo(1);
			Map<String, Map<String, Object>> env = env(container(dev, ServiceChecks.fullname(RELEASE, service)));
			String brokers = Node.string(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS"), "value");
			assertThat(infra.names("Service")).contains(brokers.substring(0, brokers.indexOf(':')));
			String mongoSecret = Node.string(env.get("SPRING_MONGODB_URI"), "valueFrom", "secretKeyRef", "name");
			assertThat(Node.map(infra.get("Secret", mongoSecret), "stringData"))
				.containsKey(Node.string(env.get("SPRING_MONGODB_URI"), "valueFrom", "secretKeyRef", "key"));
		}
		Map<String, Map<String, Object>> email = env(container(dev, "order-saga-email-fn"));
		assertThat(infra.names("Service")).contains(Node.string(email.get("SPRING_MAIL_HOST"), "value"));
		Map<String, Map<String, Object>> payment = env(container(dev, "order-saga-payment-fn"));
		Map<String, Object> keyRef = Node.map(payment.get("SAGA_PAYMENT_PROVIDER_API_KEY"), "valueFrom",
				"secretKeyRef");
		assertThat(Node.map(infra.get("Secret", keyRef.get("name").toString()), "stringData"))
			.containsKey(keyRef.get("key").toString());
	}

	@Test
	void notesTellHowToReachTheDashboardThroughPortForward() {
		String notes = Charts.render(chart(ORDER_SAGA)).release(RELEASE).values(required).notes();
		assertThat(notes).contains("kubectl --namespace order-saga port-forward service/order-saga-audit-fn 8080:80")
			.contains("http://localhost:8080/");
	}

	@Test
	void notesGiveTheDashboardUrlAndWarnWhenNetworkPoliciesWouldBlockTheIngressController() {
		String notes = Charts.render(chart(ORDER_SAGA))
			.release(RELEASE)
			.values(required)
			.values("ingress: {enabled: true, host: saga.example.com, tlsSecretName: saga-tls}")
			.notes();
		assertThat(notes).contains("https://saga.example.com/")
			.contains("global.networkPolicy.ingressFromNamespaces")
			.doesNotContain("port-forward service/order-saga-audit-fn");
	}

	@Test
	void keepsChartVersionsInStepWithTheMavenProjectSoImageTagsMatchJib() {
		String projectVersion = System.getProperty("project.version");
		assertThat(projectVersion).isNotBlank();
		for (String chart : Charts.CHART_NAMES) {
			assertThat(Charts.readYaml(Charts.source(chart).resolve("Chart.yaml"))).as(chart)
				.containsEntry("appVersion", projectVersion);
		}
	}

}
