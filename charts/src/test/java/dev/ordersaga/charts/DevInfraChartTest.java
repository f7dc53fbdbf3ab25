package dev.ordersaga.charts;

import static dev.ordersaga.charts.Charts.DEV_INFRA;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Throw-away infrastructure for skaffold dev. */
class DevInfraChartTest {

	private static Manifests manifests;

	@BeforeAll
	static void render() {
		manifests = Charts.render(Charts.chart(DEV_INFRA)).release("dev-infra").manifests();
	}

	@Test
	void runsASingleKafkaNodeInKraftModeFromTheOfficialImage() {
		Map<String, Object> kafka = ServiceChecks.container(manifests, "dev-infra-kafka");
		assertThat(Node.string(kafka, "image")).startsWith("apache/kafka:");
		Map<String, Map<String, Object>> env = ServiceChecks.env(kafka);
		assertThat(env.get("KAFKA_PROCESS_ROLES")).containsEntry("value", "broker,controller");
		assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).containsEntry("value", "1@localhost:9093");
		assertThat(Node.string(env.get("KAFKA_ADVERTISED_LISTENERS"), "value"))
			.contains("PLAINTEXT://dev-infra-kafka:9092");
		assertThat(env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")).containsEntry("value", "1");
		assertThat(env).doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
		assertThat(Node.at(manifests.get("Deployment", "dev-infra-kafka"), "spec", "replicas")).isEqualTo(1);
	}

	@Test
	void runsOneMongoDbAnSmtpCatcherAndThePaymentSandbox() {
		assertThat(manifests.names("Deployment")).containsExactlyInAnyOrder("dev-infra-kafka", "dev-infra-mongodb",
				"dev-infra-mailpit", "dev-infra-payment-sandbox");
		assertThat(Node.string(ServiceChecks.container(manifests, "dev-infra-mongodb"), "image")).startsWith("mongo:");
		assertThat(Node.maps(manifests.get("Service", "dev-infra-mailpit"), "spec", "ports"))
			.extracting(p -> p.get("port"))
			.containsExactlyInAnyOrder(1025, 8025);
	}

	@Test
	void saysItIsForDevelopmentOnly() {
		assertThat(Charts.readYaml(Charts.source(DEV_INFRA).resolve("Chart.yaml")).get("description").toString())
			.startsWith("DEVELOPMENT ONLY");
	}

	@Test
	void runsNothingAsRootOrPrivileged() {
		for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
			Map<String, Object> pod = Node.map(deployment, "spec", "template", "spec");
			assertThat(Node.at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
			assertThat(Node.list(pod, "containers", 0, "securityContext", "capabilities", "drop")).contains("ALL");
			assertThat(Node.at(pod, "containers", 0, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
		}
	}

	@Test
	void passesStrictLint() {
		LintResult lint = Charts.lint(DEV_INFRA);
		assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
	}

}
