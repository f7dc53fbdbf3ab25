package dev.ordersaga.charts;

import static dev.ordersaga.charts.Charts.ORDER_SAGA;
import static dev.ordersaga.charts.Charts.SERVICES;
import static dev.ordersaga.charts.Charts.chart;
import static dev.ordersaga.charts.Charts.values;
import static dev.ordersaga.charts.ServiceChecks.container;
import static dev.ordersaga.charts.ServiceChecks.env;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One Kafka principal per service: the optional Strimzi KafkaUsers with their ACLs (SCRAM
 * or mutual TLS) and each service wired to its own credentials Secret.
 */
class KafkaUsersChartTest {

	private static final String RELEASE = "order-saga";

	private static final String SASL_JAAS = "SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_JAAS_CONFIG";

	private static final String KEYSTORE_PASSWORD = "SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_KEYSTORE_PASSWORD";

	private static Path required;

	private static Manifests scram;

	private static Manifests mtls;

	@BeforeAll
	static void render() {
		required = values("required-umbrella.yaml");
		scram = Charts.render(chart(ORDER_SAGA)).release(RELEASE).values(required).values("""
				global:
				  kafka:
				    securityProtocol: SASL_SSL
				    caCertSecret: {name: my-cluster-cluster-ca-cert}
				    users: {perService: true, strimzi: true}
				topics:
				  strimziCluster: my-cluster
				""").manifests();
		mtls = Charts.render(chart(ORDER_SAGA)).release(RELEASE).values(required).values("""
				global:
				  kafka:
				    securityProtocol: SSL
				    topicCreation: strimzi
				    caCertSecret: {name: my-cluster-cluster-ca-cert}
				    users: {perService: true, strimzi: true, authentication: tls, namespace: kafka}
				topics:
				  strimziCluster: my-cluster
				""").manifests();
	}

	@Test
	void rendersNoKafkaUserUnlessAsked() {
		Manifests minimal = Charts.render(chart(ORDER_SAGA)).release(RELEASE).values(required).manifests();
		assertThat(minimal.ofKind("KafkaUser")).isEmpty();
	}

	@Test
	void rendersOneScramKafkaUserPerServiceNamedLikeTheService() {
		assertThat(scram.names("KafkaUser")).containsExactlyInAnyOrderElementsOf(
				SERVICES.stream().map(service -> ServiceChecks.fullname(RELEASE, service)).toList());
		assertThat(scram.ofKind("KafkaUser")).allSatisfy(user -> {
			// the KafkaTopics' Strimzi API version (order-saga.strimziApiVersion): v1
			// unless the cluster only serves v1beta2
			assertThat(user.get("apiVersion")).isEqualTo("kafka.strimzi.io/v1");
			assertThat(Node.map(user, "metadata", "labels")).containsEntry("strimzi.io/cluster", "my-cluster");
			assertThat(Node.string(user, "metadata", "namespace")).isEqualTo("order-saga");
			assertThat(Node.string(user, "spec", "authentication", "type")).isEqualTo("scram-sha-512");
			assertThat(Node.string(user, "spec", "authorization", "type")).isEqualTo("simple");
		});
	}

	@Test
	void grantsEachServiceOnlyItsOwnTopicsAndGroup() {
		Map<String, Object> payment = scram.get("KafkaUser", "order-saga-payment-fn");
		assertThat(acls(payment)).containsExactlyInAnyOrder("topic order-events [Read, Describe, Create]",
				"topic payment-events [Write, Describe, Create]", "topic order-events.dlq [Write, Describe, Create]",
				"group payment-fn [Read]");

		Map<String, Object> order = scram.get("KafkaUser", "order-saga-order-fn");
		assertThat(acls(order)).contains("topic order-events [Write, Describe, Create]")
			.noneMatch(acl -> acl.startsWith("topic payment-events [Write"))
			.noneMatch(acl -> acl.startsWith("topic order-events [Read"));

		Map<String, Object> audit = scram.get("KafkaUser", "order-saga-audit-fn");
		// writes only where a replayed dead letter goes back to, never a dead-letter
		// topic
		assertThat(acls(audit)).filteredOn(acl -> acl.contains("Write"))
			.containsExactlyInAnyOrder("topic order-events [Write, Describe, Create]",
					"topic customer-events [Write, Describe, Create]", "topic payment-events [Write, Describe, Create]",
					"topic email-events [Write, Describe, Create]",
					"topic customer-profiles [Write, Describe, Create]");
		assertThat(acls(audit)).contains("topic email-events.dlq [Read, Describe, Create]", "group audit-fn [Read]",
				"group order-fn [Describe]", "group email-fn [Describe]");
	}

	@Test
	void grantsNoTopicCreationWhenStrimziOwnsTheTopics() {
		assertThat(mtls.ofKind("KafkaUser"))
			.allSatisfy(user -> assertThat(acls(user)).isNotEmpty().noneMatch(acl -> acl.contains("Create")));
	}

	@Test
	void wiresEveryServiceToTheSaslLoginInItsOwnSecret() {
		for (String service : SERVICES) {
			String name = ServiceChecks.fullname(RELEASE, service);
			Map<String, Map<String, Object>> env = env(container(scram, name));
			assertThat(Node.map(env.get(SASL_JAAS), "valueFrom", "secretKeyRef")).as(service)
				.containsEntry("name", name)
				.containsEntry("key", "sasl.jaas.config");
			assertThat(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SECURITY_PROTOCOL"))
				.containsEntry("value", "SASL_SSL");
			assertThat(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_MECHANISM")).containsEntry("value",
					"SCRAM-SHA-512");
			assertThat(env).doesNotContainKey(KEYSTORE_PASSWORD);
		}
		assertThat(scram.ofKind("Secret")).as("the chart only references Secrets").isEmpty();
	}

	@Test
	void rendersTlsKafkaUsersAndMountsEachServicesOwnClientCertificate() {
		assertThat(mtls.ofKind("KafkaUser")).hasSize(SERVICES.size()).allSatisfy(user -> {
			assertThat(Node.string(user, "spec", "authentication", "type")).isEqualTo("tls");
			assertThat(Node.string(user, "metadata", "namespace")).isEqualTo("kafka");
		});
		for (String service : SERVICES) {
			String name = ServiceChecks.fullname(RELEASE, service);
			Map<String, Object> container = container(mtls, name);
			Map<String, Map<String, Object>> env = env(container);
			assertThat(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SECURITY_PROTOCOL"))
				.containsEntry("value", "SSL");
			assertThat(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_KEYSTORE_TYPE"))
				.containsEntry("value", "PKCS12");
			assertThat(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_KEYSTORE_LOCATION"))
				.containsEntry("value", "/etc/kafka-user/user.p12");
			assertThat(Node.map(env.get(KEYSTORE_PASSWORD), "valueFrom", "secretKeyRef")).as(service)
				.containsEntry("name", name)
				.containsEntry("key", "user.password");
			assertThat(env).doesNotContainKey(SASL_JAAS);
			assertThat(Node.maps(container, "volumeMounts"))
				.anySatisfy(mount -> assertThat(mount).containsEntry("name", "kafka-user")
					.containsEntry("mountPath", "/etc/kafka-user")
					.containsEntry("readOnly", true));
			Map<String, Object> deployment = mtls.get("Deployment", name);
			assertThat(Node.maps(deployment, "spec", "template", "spec", "volumes"))
				.filteredOn(volume -> "kafka-user".equals(volume.get("name")))
				.singleElement()
				.satisfies(volume -> {
					assertThat(Node.string(volume, "secret", "secretName")).isEqualTo(name);
					assertThat(Node.maps(volume, "secret", "items")).singleElement()
						.satisfies(item -> assertThat(item).containsEntry("key", "user.p12"));
				});
		}
	}

	@Test
	void usesAnExistingSecretPerServiceWithoutStrimzi() {
		Manifests own = Charts.render(chart(ORDER_SAGA)).release(RELEASE).values(required).values("""
				global:
				  kafka:
				    securityProtocol: SASL_SSL
				    users: {perService: true}
				payment-fn:
				  kafkaUser: {secretName: payments-kafka-login}
				""").manifests();
		assertThat(own.ofKind("KafkaUser")).isEmpty();
		assertThat(Node.string(env(container(own, "order-saga-payment-fn")).get(SASL_JAAS), "valueFrom", "secretKeyRef",
				"name"))
			.isEqualTo("payments-kafka-login");
		assertThat(Node.string(env(container(own, "order-saga-order-fn")).get(SASL_JAAS), "valueFrom", "secretKeyRef",
				"name"))
			.isEqualTo("order-saga-order-fn");
	}

	@Test
	void refusesAuthenticationThatDoesNotMatchTheSecurityProtocol() {
		String tlsOverSasl = Charts.render(chart(ORDER_SAGA)).values(required).values("""
				global:
				  kafka:
				    securityProtocol: SASL_SSL
				    users: {perService: true, authentication: tls}
				""").error();
		assertThat(tlsOverSasl).contains("global.kafka.users.authentication tls").contains("SSL");

		String scramInPlaintext = Charts.render(chart(ORDER_SAGA)).values(required).values("""
				global:
				  kafka:
				    users: {perService: true}
				""").error();
		assertThat(scramInPlaintext).contains("SASL_SSL").contains("PLAINTEXT");

		String strimziWithoutPerService = Charts.render(chart(ORDER_SAGA)).values(required).values("""
				global:
				  kafka:
				    securityProtocol: SASL_SSL
				    saslJaasConfigSecret: {name: shared}
				    users: {strimzi: true}
				topics:
				  strimziCluster: my-cluster
				""").error();
		assertThat(strimziWithoutPerService).contains("global.kafka.users.perService");
	}

	/** Each ACL as {@code "<type> <name> [<operations>]"}. */
	private static List<String> acls(Map<String, Object> user) {
		List<String> acls = new ArrayList<>();
		for (Map<String, Object> acl : Node.maps(user, "spec", "authorization", "acls")) {
			acls.add(Node.string(acl, "resource", "type") + " " + Node.string(acl, "resource", "name") + " "
					+ Node.list(acl, "operations"));
		}
		return acls;
	}

}
