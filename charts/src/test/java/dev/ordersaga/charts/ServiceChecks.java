package dev.ordersaga.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** What every service installed by the generic chart must have, whatever the values. */
final class ServiceChecks {

	/** Env var names that carry credentials: they may only come from a Secret. */
	static final Pattern SENSITIVE_ENV = Pattern
		.compile(".*(PASSWORD|SECRET|API_KEY|JAAS|TOKEN|CREDENTIAL|USERNAME|MONGODB_URI).*");

	private ServiceChecks() {
	}

	static String fullname(String release, String service) {
		return release.contains(service) ? release : release + "-" + service;
	}

	/**
	 * Probes, restricted pod security, resources, labels, config checksum, secret
	 * references, graceful shutdown, and the Service, ServiceAccount, PodDisruptionBudget
	 * and NetworkPolicy around the Deployment. Reports every violation at once.
	 */
	static void assertProductionReady(Manifests manifests, String release, String service) {
		String name = fullname(release, service);
		Map<String, Object> deployment = manifests.get("Deployment", name);
		Map<String, Object> template = Node.map(deployment, "spec", "template");
		Map<String, Object> pod = Node.map(template, "spec");
		List<Map<String, Object>> containers = Node.maps(pod, "containers");
		assertThat(containers).as("containers of %s", name).hasSize(1);
		Map<String, Object> container = containers.get(0);
		Map<String, Map<String, Object>> env = env(container);
		Map<String, Object> selector = Node.map(deployment, "spec", "selector", "matchLabels");
		Map<String, Object> springConfig = applicationYaml(manifests, name);

		SoftAssertions softly = new SoftAssertions();

		// labels
		for (Map<String, Object> labels : List.of(Node.map(deployment, "metadata", "labels"),
				Node.map(template, "metadata", "labels"))) {
			softly.assertThat(labels)
				.as("app.kubernetes.io labels of %s", name)
				.containsEntry("app.kubernetes.io/name", service)
				.containsEntry("app.kubernetes.io/instance", release)
				.containsEntry("app.kubernetes.io/managed-by", "Helm")
				.containsEntry("app.kubernetes.io/part-of", "order-saga")
				.containsKey("app.kubernetes.io/version");
			softly.assertThat(Node.string(labels, "helm.sh/chart"))
				.as("%s comes from the generic chart", name)
				.startsWith("saga-service-");
		}
		softly.assertThat(Node.map(template, "metadata", "labels"))
			.as("pod labels of %s carry the selector", name)
			.isNotEmpty()
			.containsAllEntriesOf(selector);
		softly.assertThat(Node.string(template, "metadata", "annotations", "checksum/config"))
			.as("config checksum annotation of %s", name)
			.matches("[0-9a-f]{64}");

		// probes on the actuator health groups, through the named management port
		softly.assertThat(Node.string(container, "livenessProbe", "httpGet", "path"))
			.as("livenessProbe of %s", name)
			.isEqualTo("/actuator/health/liveness");
		softly.assertThat(Node.string(container, "readinessProbe", "httpGet", "path"))
			.as("readinessProbe of %s", name)
			.isEqualTo("/actuator/health/readiness");
		softly.assertThat(Node.string(container, "startupProbe", "httpGet", "path"))
			.as("startupProbe of %s", name)
			.startsWith("/actuator/health");
		for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
			softly.assertThat(Node.string(container, probe, "httpGet", "port"))
				.as("%s port of %s", probe, name)
				.isEqualTo("management");
		}
		softly.assertThat(Node.maps(container, "ports"))
			.as("HTTP port of %s", name)
			.anySatisfy(port -> assertThat(port).containsEntry("name", "http").containsEntry("containerPort", 8080));

		// graceful shutdown: preStop, then Spring drains within its phase timeout, all
		// inside the grace period
		Object grace = pod.get("terminationGracePeriodSeconds");
		Object preStop = Node.at(container, "lifecycle", "preStop", "sleep", "seconds");
		softly.assertThat(preStop).as("preStop sleep of %s", name).isInstanceOf(Integer.class);
		softly.assertThat(Node.string(springConfig, "server", "shutdown"))
			.as("server.shutdown of %s", name)
			.isEqualTo("graceful");
		Integer drain = seconds(Node.string(springConfig, "spring", "lifecycle", "timeout-per-shutdown-phase"));
		softly.assertThat(drain).as("spring.lifecycle.timeout-per-shutdown-phase of %s", name).isNotNull();
		if (grace instanceof Integer g && preStop instanceof Integer p && drain != null) {
			softly.assertThat(g)
				.as("terminationGracePeriodSeconds of %s exceeds preStop + drain", name)
				.isGreaterThan(p + drain);
		}

		// restricted Pod Security Standard
		softly.assertThat(Node.at(pod, "securityContext", "runAsNonRoot"))
			.as("pod runAsNonRoot of %s", name)
			.isEqualTo(true);
		softly.assertThat(Node.at(pod, "securityContext", "runAsUser")).as("pod runAsUser of %s", name).isNotEqualTo(0);
		softly.assertThat(Node.string(pod, "securityContext", "seccompProfile", "type"))
			.as("seccomp of %s", name)
			.isEqualTo("RuntimeDefault");
		softly.assertThat(Node.at(container, "securityContext", "allowPrivilegeEscalation"))
			.as("allowPrivilegeEscalation of %s", name)
			.isEqualTo(false);
		softly.assertThat(Node.at(container, "securityContext", "readOnlyRootFilesystem"))
			.as("readOnlyRootFilesystem of %s", name)
			.isEqualTo(true);
		softly.assertThat(Node.at(container, "securityContext", "privileged"))
			.as("privileged of %s", name)
			.isNotEqualTo(true);
		softly.assertThat(Node.list(container, "securityContext", "capabilities", "drop"))
			.as("dropped capabilities of %s", name)
			.contains("ALL");
		softly.assertThat(Node.list(container, "securityContext", "capabilities", "add"))
			.as("added capabilities of %s", name)
			.isEmpty();
		softly.assertThat(Node.at(pod, "automountServiceAccountToken"))
			.as("token automount of %s", name)
			.isEqualTo(false);
		softly.assertThat(Node.at(pod, "enableServiceLinks")).as("service link env vars of %s", name).isEqualTo(false);
		softly.assertThat(pod)
			.as("host namespaces of %s", name)
			.doesNotContainKeys("hostNetwork", "hostPID", "hostIPC");
		String tmpVolume = Node.maps(container, "volumeMounts")
			.stream()
			.filter(m -> "/tmp".equals(m.get("mountPath")))
			.map(m -> m.get("name").toString())
			.findFirst()
			.orElse(null);
		softly.assertThat(tmpVolume).as("writable /tmp of %s", name).isNotNull();
		softly.assertThat(Node.maps(pod, "volumes"))
			.as("/tmp of %s is an emptyDir", name)
			.anySatisfy(v -> assertThat(v).containsEntry("name", tmpVolume).containsKey("emptyDir"));

		// resources
		softly.assertThat(Node.at(container, "resources", "requests", "cpu")).as("cpu request of %s", name).isNotNull();
		softly.assertThat(Node.at(container, "resources", "requests", "memory"))
			.as("memory request of %s", name)
			.isNotNull();
		softly.assertThat(Node.at(container, "resources", "limits", "memory"))
			.as("memory limit of %s", name)
			.isNotNull();

		// configuration: Spring reads the ConfigMap file; Kafka and MongoDB wired;
		// credentials only from Secrets
		softly.assertThat(Node.string(env.get("SPRING_CONFIG_ADDITIONAL_LOCATION"), "value"))
			.as("config location of %s", name)
			.isEqualTo("optional:file:/config/");
		softly.assertThat(Node.maps(pod, "volumes"))
			.as("/config of %s comes from its ConfigMap", name)
			.anySatisfy(v -> assertThat(Node.string(v, "configMap", "name")).isEqualTo(name));
		softly.assertThat(Node.string(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS"), "value"))
			.as("Kafka brokers of %s", name)
			.isNotBlank();
		softly.assertThat(Node.string(env.get("SPRING_MONGODB_URI"), "valueFrom", "secretKeyRef", "name"))
			.as("MongoDB URI of %s is a Secret reference", name)
			.isNotBlank();
		softly.assertThat(Node.string(env.get("SPRING_MONGODB_DATABASE"), "value"))
			.as("own database of %s", name)
			.isEqualTo(service);
		softly.assertThat(plainTextCredentials(container))
			.as("credentials of %s given as plain values", name)
			.isEmpty();

		// the objects around the Deployment
		softly.assertThat(manifests.find("Service", name)).as("Service of %s", name).hasValueSatisfying(service1 -> {
			assertThat(Node.map(service1, "spec", "selector")).isEqualTo(selector);
			assertThat(Node.maps(service1, "spec", "ports"))
				.anySatisfy(p -> assertThat(p).containsEntry("targetPort", "http"));
		});
		String serviceAccount = Node.string(pod, "serviceAccountName");
		softly.assertThat(manifests.find("ServiceAccount", String.valueOf(serviceAccount)))
			.as("ServiceAccount of %s", name)
			.hasValueSatisfying(sa -> assertThat(sa).containsEntry("automountServiceAccountToken", false));
		softly.assertThat(manifests.find("PodDisruptionBudget", name))
			.as("PodDisruptionBudget of %s", name)
			.hasValueSatisfying(
					pdb -> assertThat(Node.map(pdb, "spec", "selector", "matchLabels")).isEqualTo(selector));
		softly.assertThat(manifests.find("NetworkPolicy", name))
			.as("NetworkPolicy of %s", name)
			.hasValueSatisfying(policy -> {
				assertThat(Node.map(policy, "spec", "podSelector", "matchLabels")).isEqualTo(selector);
				assertThat(Node.list(policy, "spec", "policyTypes")).containsExactlyInAnyOrder("Ingress", "Egress");
				assertThat(Node.maps(policy, "spec", "ingress"))
					.map(rule -> Node.maps(rule, "ports").stream().map(p -> p.get("port")).toList())
					.as("each ingress rule admits one port: the API's, then the management port")
					.containsExactly(List.of(8080), List.of(8081));
				assertThat(Node.maps(policy, "spec", "egress")).anySatisfy(
						rule -> assertThat(Node.maps(rule, "ports")).extracting(p -> p.get("port")).contains(53));
			});

		softly.assertAll();
	}

	/**
	 * Env vars whose name says credential but whose value is written into the manifest.
	 */
	static List<String> plainTextCredentials(Map<String, Object> container) {
		return Node.maps(container, "env")
			.stream()
			.filter(e -> SENSITIVE_ENV.matcher(e.get("name").toString()).matches())
			.filter(e -> e.containsKey("value") || Node.at(e, "valueFrom", "secretKeyRef") == null)
			.map(e -> e.get("name").toString())
			.toList();
	}

	static Map<String, Map<String, Object>> env(Map<String, Object> container) {
		Map<String, Map<String, Object>> env = new LinkedHashMap<>();
		for (Map<String, Object> var : Node.maps(container, "env")) {
			if (env.put(var.get("name").toString(), var) != null) {
				throw new AssertionError("env var " + var.get("name") + " defined twice");
			}
		}
		return env;
	}

	static Map<String, Object> container(Manifests manifests, String deploymentName) {
		return Node.maps(manifests.get("Deployment", deploymentName), "spec", "template", "spec", "containers").get(0);
	}

	static Map<String, Object> applicationYaml(Manifests manifests, String name) {
		String file = Node.string(manifests.get("ConfigMap", name), "data", "application.yaml");
		assertThat(file).as("application.yaml of ConfigMap %s", name).isNotNull();
		return Node.asMap(new Yaml(new SafeConstructor(new LoaderOptions())).load(file));
	}

	private static Integer seconds(String duration) {
		if (duration == null) {
			return null;
		}
		Matcher m = Pattern.compile("(\\d+)s").matcher(duration);
		return m.matches() ? Integer.valueOf(m.group(1)) : null;
	}

}
