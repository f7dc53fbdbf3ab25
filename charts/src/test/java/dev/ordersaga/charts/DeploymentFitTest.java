package dev.ordersaga.charts;

import static dev.ordersaga.charts.Charts.ORDER_SAGA;
import static dev.ordersaga.charts.Charts.SERVICES;
import static dev.ordersaga.charts.Charts.chart;
import static dev.ordersaga.charts.Charts.values;
import static dev.ordersaga.charts.ServiceChecks.container;
import static dev.ordersaga.charts.ServiceChecks.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The settings a real cluster needs: one deadline for order-fn and audit-fn, one consumer
 * group per service for its bindings and KEDA, SMTP and MongoDB over TLS, extra volumes
 * and env sources, platform-assigned UIDs, the DNS port, zone spread and the Strimzi API.
 */
class DeploymentFitTest {

	private static final String RELEASE = "order-saga";

	private static Path required;

	private static Manifests defaults;

	@BeforeAll
	static void render() {
		required = values("required-umbrella.yaml");
		defaults = umbrella("{}");
	}

	private static Manifests umbrella(String yaml) {
		return Charts.render(chart(ORDER_SAGA)).release(RELEASE).values(required).values(yaml).manifests();
	}

	private static Map<String, Map<String, Object>> envOf(Manifests manifests, String service) {
		return env(container(manifests, ServiceChecks.fullname(RELEASE, service)));
	}

	private static String value(Map<String, Map<String, Object>> env, String name) {
		assertThat(env).as("env %s", name).containsKey(name);
		return Node.string(env.get(name), "value");
	}

	@Test
	void everyServiceTakesTheTokensOfTheConfiguredIssuerForTheConfiguredAudience() {
		Manifests manifests = umbrella("""
				global:
				  security: {issuerUri: "https://login.example.com/realms/shop", audience: shop-api}
				""");
		for (String service : SERVICES) {
			Map<String, Map<String, Object>> env = envOf(manifests, service);
			assertThat(value(env, "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI")).as(service)
				.isEqualTo("https://login.example.com/realms/shop");
			assertThat(value(env, "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES")).as(service)
				.isEqualTo("shop-api");
		}
		// unset: the services' own default issuer, the chart's default audience
		assertThat(envOf(defaults, "order-fn"))
			.doesNotContainKey("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
		assertThat(value(envOf(defaults, "order-fn"), "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES"))
			.isEqualTo("order-saga");
		assertThatThrownBy(() -> umbrella("global: {security: {issuerUri: not-a-url}}"))
			.hasMessageContaining("issuerUri");
	}

	@Test
	void oneDeadlineFeedsOrderFnAndAuditFnAndTheAuditWaitsLongerThanOrderFnsGrace() {
		Manifests manifests = umbrella("""
				global:
				  saga: {orderDeadline: 45m, deadlineGrace: 2m}
				""");
		Map<String, Map<String, Object>> order = envOf(manifests, "order-fn");
		Map<String, Map<String, Object>> audit = envOf(manifests, "audit-fn");

		assertThat(value(order, "SAGA_ORDER_DEADLINE")).isEqualTo("45m");
		assertThat(value(audit, "SAGA_AUDIT_DEADLINE")).isEqualTo("45m");
		assertThat(value(order, "SAGA_ORDER_DEADLINE_GRACE")).isEqualTo("2m");
		// order-fn cancels at payBy + 2m (+ its check interval): the audit must not call
		// that late
		assertThat(value(audit, "SAGA_AUDIT_GRACE")).isEqualTo("180s");
		for (String service : List.of("customer-fn", "payment-fn", "email-fn")) {
			assertThat(envOf(manifests, service)).as(service)
				.doesNotContainKeys("SAGA_ORDER_DEADLINE", "SAGA_AUDIT_DEADLINE", "SAGA_AUDIT_GRACE");
		}
		assertThat(value(envOf(defaults, "audit-fn"), "SAGA_AUDIT_DEADLINE")).isEqualTo("PT2H");
		assertThat(value(envOf(defaults, "audit-fn"), "SAGA_AUDIT_GRACE")).isEqualTo("120s");
	}

	@Test
	void understandsIsoDeadlinesAndTakesAnExplicitAuditGrace() {
		Map<String, Map<String, Object>> audit = envOf(umbrella("""
				global:
				  saga: {orderDeadline: PT1H30M, deadlineGrace: PT1M30S, auditGrace: 5m}
				"""), "audit-fn");
		assertThat(value(audit, "SAGA_AUDIT_DEADLINE")).isEqualTo("PT1H30M");
		assertThat(value(audit, "SAGA_AUDIT_GRACE")).isEqualTo("5m");
	}

	@Test
	void refusesAnAuditGraceThatOrderFnsOwnGraceWouldOverrun() {
		String error = Charts.render(chart(ORDER_SAGA)).values(required).values("""
				global:
				  saga: {deadlineGrace: PT2M, auditGrace: 90s}
				""").error();
		assertThat(error).contains("global.saga.auditGrace (90s) must be longer than global.saga.deadlineGrace (PT2M)");
	}

	@Test
	void oneConsumerGroupFeedsTheBindingsAndTheKedaTrigger() {
		Manifests manifests = umbrella("""
				payment-fn:
				  kafkaConsumer: {group: payments-blue}
				  keda: {enabled: true}
				""");
		assertThat(value(envOf(manifests, "payment-fn"), "SPRING_CLOUD_STREAM_DEFAULT_GROUP"))
			.isEqualTo("payments-blue");
		Map<String, Object> scaledObject = manifests.get("ScaledObject", "order-saga-payment-fn");
		assertThat(Node.maps(scaledObject, "spec", "triggers")).isNotEmpty()
			.allSatisfy(t -> assertThat(Node.string(t, "metadata", "consumerGroup")).isEqualTo("payments-blue"));
		for (String service : SERVICES) {
			assertThat(value(envOf(defaults, service), "SPRING_CLOUD_STREAM_DEFAULT_GROUP")).as(service)
				.isEqualTo(service);
		}
	}

	@Test
	void requiresStartTlsOnTheSubmissionPortByDefault() {
		Map<String, Object> mail = Node.map(ServiceChecks.applicationYaml(defaults, "order-saga-email-fn"), "spring",
				"mail", "properties");
		assertThat(mail).containsEntry("mail.smtp.starttls.enable", "true")
			.containsEntry("mail.smtp.starttls.required", "true")
			.containsEntry("mail.smtp.ssl.checkserveridentity", "true");
		assertThat(Node.at(ServiceChecks.applicationYaml(defaults, "order-saga-order-fn"), "spring", "mail"))
			.as("SMTP settings of a service that sends no mail")
			.isNull();
	}

	@Test
	void speaksTlsFromTheFirstByteWithSmtpsAndPlainTextOnlyWhenAskedTo() {
		Map<String, Object> smtps = ServiceChecks.applicationYaml(umbrella("global: {smtp: {port: 465, tls: smtps}}"),
				"order-saga-email-fn");
		assertThat(Node.at(smtps, "spring", "mail", "ssl", "enabled")).isEqualTo(true);
		assertThat(Node.map(smtps, "spring", "mail", "properties")).doesNotContainKey("mail.smtp.starttls.enable");

		Map<String, Object> none = ServiceChecks.applicationYaml(umbrella("global: {smtp: {port: 1025, tls: none}}"),
				"order-saga-email-fn");
		assertThat(Node.at(none, "spring", "mail")).isNull();

		assertThat(Charts.render(chart(ORDER_SAGA)).values(required).values("global: {smtp: {tls: ssl}}").error())
			.contains("/global/smtp/tls");
	}

	@Test
	void mountsTheMongoDbCaAndTrustsItThroughAnSslBundle() {
		Manifests manifests = umbrella("global: {mongodb: {caCertSecret: {name: mongodb-ca, key: ca.pem}}}");
		for (String service : SERVICES) {
			String name = ServiceChecks.fullname(RELEASE, service);
			Map<String, Object> pod = Node.map(manifests.get("Deployment", name), "spec", "template", "spec");
			assertThat(Node.maps(pod, "volumes")).as(name)
				.anySatisfy(v -> assertThat(v).containsEntry("name", "mongodb-ca")
					.satisfies(x -> assertThat(Node.string(x, "secret", "secretName")).isEqualTo("mongodb-ca"))
					.satisfies(x -> assertThat(Node.maps(x, "secret", "items"))
						.containsExactly(Map.of("key", "ca.pem", "path", "ca.crt"))));
			assertThat(Node.maps(container(manifests, name), "volumeMounts")).as(name)
				.anySatisfy(m -> assertThat(m).containsEntry("name", "mongodb-ca")
					.containsEntry("mountPath", "/etc/mongodb-ca")
					.containsEntry("readOnly", true));
			Map<String, Object> spring = Node.map(ServiceChecks.applicationYaml(manifests, name), "spring");
			assertThat(Node.map(spring, "mongodb", "ssl")).containsEntry("enabled", true)
				.containsEntry("bundle", "mongodb-ca");
			assertThat(Node.string(spring, "ssl", "bundle", "pem", "mongodb-ca", "truststore", "certificate"))
				.isEqualTo("file:/etc/mongodb-ca/ca.crt");
		}
		assertThat(Node.at(ServiceChecks.applicationYaml(defaults, "order-saga-order-fn"), "spring", "mongodb"))
			.isNull();
	}

	@Test
	void addsExtraVolumesMountsAndEnvSources() {
		Manifests manifests = umbrella("""
				order-fn:
				  extraVolumes:
				    - name: corporate-ca
				      configMap: {name: corporate-ca}
				  extraVolumeMounts:
				    - name: corporate-ca
				      mountPath: /etc/corporate-ca
				      readOnly: true
				  envFrom:
				    - configMapRef: {name: order-fn-tuning}
				    - secretRef: {name: order-fn-extra}
				      prefix: EXTRA_
				""");
		Map<String, Object> deployment = manifests.get("Deployment", "order-saga-order-fn");
		Map<String, Object> container = container(manifests, "order-saga-order-fn");
		assertThat(Node.maps(deployment, "spec", "template", "spec", "volumes"))
			.contains(Map.of("name", "corporate-ca", "configMap", Map.of("name", "corporate-ca")));
		assertThat(Node.maps(container, "volumeMounts"))
			.contains(Map.of("name", "corporate-ca", "mountPath", "/etc/corporate-ca", "readOnly", true));
		assertThat(Node.maps(container, "envFrom")).containsExactly(
				Map.of("configMapRef", Map.of("name", "order-fn-tuning")),
				Map.of("secretRef", Map.of("name", "order-fn-extra"), "prefix", "EXTRA_"));
		ServiceChecks.assertProductionReady(manifests, RELEASE, "order-fn");
		assertThat(container(defaults, "order-saga-order-fn")).doesNotContainKey("envFrom");
	}

	@Test
	void leavesTheUidToThePlatformWhenSetToNullAsOpenShiftRequires() {
		Manifests openShift = umbrella("""
				customer-fn:
				  podSecurityContext: {runAsUser: null, runAsGroup: null, fsGroup: null}
				""");
		Map<String, Object> restricted = Node.map(openShift.get("Deployment", "order-saga-customer-fn"), "spec",
				"template", "spec", "securityContext");
		assertThat(restricted).doesNotContainKeys("runAsUser", "runAsGroup", "fsGroup")
			.containsEntry("runAsNonRoot", true);
		assertThat(Node.map(defaults.get("Deployment", "order-saga-customer-fn"), "spec", "template", "spec",
				"securityContext"))
			.containsEntry("runAsUser", 65532)
			.containsEntry("runAsGroup", 65532)
			.containsEntry("fsGroup", 65532);
		Map<String, Object> other = Node.map(umbrella("customer-fn: {podSecurityContext: {runAsUser: 1000680000}}")
			.get("Deployment", "order-saga-customer-fn"), "spec", "template", "spec", "securityContext");
		assertThat(other).containsEntry("runAsUser", 1000680000).containsEntry("fsGroup", 65532);
	}

	@Test
	void opensTheConfiguredDnsPort() {
		Map<String, Object> policy = umbrella("global: {networkPolicy: {dnsPort: 5353}}").get("NetworkPolicy",
				"order-saga-order-fn");
		Map<String, Object> dns = Node.maps(policy, "spec", "egress").get(0);
		assertThat(Node.maps(dns, "ports")).containsExactly(Map.of("port", 5353, "protocol", "UDP"),
				Map.of("port", 5353, "protocol", "TCP"));
		assertThat(Node.maps(Node.maps(defaults.get("NetworkPolicy", "order-saga-order-fn"), "spec", "egress").get(0),
				"ports"))
			.extracting(p -> p.get("port"))
			.containsOnly(53);
	}

	@Test
	void spreadsReplicasOverZonesAndNodes() {
		for (String service : SERVICES) {
			List<Map<String, Object>> spread = Node.maps(
					defaults.get("Deployment", ServiceChecks.fullname(RELEASE, service)), "spec", "template", "spec",
					"topologySpreadConstraints");
			assertThat(spread).extracting(c -> c.get("topologyKey"))
				.containsExactlyInAnyOrder("topology.kubernetes.io/zone", "kubernetes.io/hostname");
			assertThat(spread).allSatisfy(c -> {
				assertThat(c).containsEntry("whenUnsatisfiable", "ScheduleAnyway").containsEntry("maxSkew", 1);
				assertThat(Node.map(c, "labelSelector", "matchLabels")).containsEntry("app.kubernetes.io/name",
						service);
			});
		}
	}

	@Test
	void rendersStrimziTopicsInTheV1ApiUnlessTold() {
		String strimzi = """
				global: {kafka: {topicCreation: strimzi}}
				topics: {strimziCluster: my-cluster}
				""";
		assertThat(umbrella(strimzi).ofKind("KafkaTopic")).isNotEmpty()
			.allSatisfy(t -> assertThat(t).containsEntry("apiVersion", "kafka.strimzi.io/v1"));
		assertThat(Charts.render(chart(ORDER_SAGA))
			.release(RELEASE)
			.values(required)
			.values(strimzi)
			.values("topics: {apiVersion: kafka.strimzi.io/v1beta2}")
			.manifests()
			.ofKind("KafkaTopic")).isNotEmpty()
			.allSatisfy(t -> assertThat(t).containsEntry("apiVersion", "kafka.strimzi.io/v1beta2"));
	}

}
