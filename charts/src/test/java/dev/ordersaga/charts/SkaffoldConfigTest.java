package dev.ordersaga.charts;

import static dev.ordersaga.charts.Charts.ORDER_SAGA;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * skaffold.yaml builds every service with Jib and deploys the charts that the other tests
 * render.
 */
class SkaffoldConfigTest {

	private static final String IMAGE_PREFIX = "ghcr.io/order-saga/";

	private static Map<String, Object> skaffold;

	@BeforeAll
	static void parse() {
		skaffold = Charts.readYaml(Charts.repoRoot().resolve("skaffold.yaml"));
	}

	/**
	 * The five services of the design plus any *-fn Maven module that exists in the
	 * repository.
	 */
	static Set<String> serviceModules() throws IOException {
		Set<String> modules = new TreeSet<>(Charts.SERVICES);
		try (Stream<Path> dirs = Files.list(Charts.repoRoot())) {
			dirs.filter(d -> d.getFileName().toString().endsWith("-fn") && Files.isRegularFile(d.resolve("pom.xml")))
				.forEach(d -> modules.add(d.getFileName().toString()));
		}
		return modules;
	}

	@Test
	void buildsAnImageForEveryServiceModuleWithJib() throws IOException {
		List<Map<String, Object>> artifacts = Node.maps(skaffold, "build", "artifacts");
		assertThat(artifacts).extracting(a -> Node.string(a, "jib", "project"))
			.containsExactlyInAnyOrderElementsOf(serviceModules());
		assertThat(artifacts).allSatisfy(artifact -> {
			String project = Node.string(artifact, "jib", "project");
			assertThat(artifact).containsEntry("image", IMAGE_PREFIX + project)
				.containsEntry("context", ".")
				.doesNotContainKey("docker");
			assertThat(Node.string(artifact, "jib", "type")).isEqualTo("maven");
		});
	}

	@Test
	void buildsExactlyTheServicesTheUmbrellaChartInstalls() {
		Map<String, Object> chartYaml = Charts.readYaml(Charts.source(ORDER_SAGA).resolve("Chart.yaml"));
		assertThat(Node.maps(skaffold, "build", "artifacts")).extracting(a -> Node.string(a, "jib", "project"))
			.containsExactlyInAnyOrderElementsOf(
					Node.maps(chartYaml, "dependencies").stream().map(d -> d.get("alias").toString()).toList());
	}

	@Test
	void deploysTheUmbrellaChartWithTheImageItBuiltForEachService() {
		Map<String, Object> release = umbrellaRelease(Node.maps(skaffold, "deploy", "helm", "releases"));
		assertThat(Charts.repoRoot().resolve(Node.string(release, "chartPath")).resolve("Chart.yaml")).isRegularFile();
		Map<String, Object> templates = Node.map(release, "setValueTemplates");
		for (Map<String, Object> artifact : Node.maps(skaffold, "build", "artifacts")) {
			String service = Node.string(artifact, "jib", "project");
			String sanitized = Node.string(artifact, "image").replaceAll("[^A-Za-z0-9]", "_");
			assertThat(templates).containsEntry(service + ".image.reference",
					"{{.IMAGE_FULLY_QUALIFIED_" + sanitized + "}}");
		}
	}

	@Test
	void devProfileDeploysDevInfraFirstWithTheLaptopValues() {
		Map<String, Object> dev = profile("dev");
		assertThat(Node.maps(dev, "activation")).anySatisfy(a -> assertThat(a).containsEntry("command", "dev"));
		List<Map<String, Object>> releases = applyPatches(Node.maps(skaffold, "deploy", "helm", "releases"),
				Node.maps(dev, "patches"));
		assertThat(releases).extracting(r -> r.get("name")).containsExactly("dev-infra", "order-saga");
		assertThat(releases.get(0)).containsEntry("chartPath", "charts/dev-infra");
		assertThat(Node.list(releases.get(1), "valuesFiles")).containsExactly("charts/order-saga/values-dev.yaml");
		assertThat(Charts.repoRoot().resolve("charts/order-saga/values-dev.yaml")).isRegularFile();
	}

	@Test
	void devProfileForwardsTheDevstackPortsToServicesTheChartsRender() {
		List<Map<String, Object>> forwards = Node.maps(profile("dev"), "portForward");
		Manifests system = Charts.render(Charts.chart(ORDER_SAGA))
			.release("order-saga")
			.values(Charts.chart(ORDER_SAGA).resolve("values-dev.yaml"))
			.manifests();
		Manifests infra = Charts.render(Charts.chart(Charts.DEV_INFRA)).release("dev-infra").manifests();

		assertThat(forwards).allSatisfy(forward -> {
			assertThat(forward).containsEntry("resourceType", "service");
			String name = Node.string(forward, "resourceName");
			Map<String, Object> service = system.find("Service", name)
				.or(() -> infra.find("Service", name))
				.orElseThrow(() -> new AssertionError("port-forward to a Service no chart renders: " + name));
			assertThat(Node.maps(service, "spec", "ports")).extracting(p -> p.get("port"))
				.contains(forward.get("port"));
		});
		assertThat(forwards).filteredOn(f -> "order-saga-audit-fn".equals(f.get("resourceName")))
			.singleElement()
			.satisfies(f -> assertThat(f).containsEntry("localPort", 8080));
		assertThat(forwards).extracting(f -> f.get("localPort")).doesNotHaveDuplicates();
	}

	@Test
	void devProfileBuildsThePaymentSandboxWithJibAndDevInfraRunsItWherePaymentFnCalls() {
		Map<String, Object> dev = profile("dev");
		List<Map<String, Object>> patches = Node.maps(dev, "patches");
		Map<String, Object> sandboxArtifact = patches.stream()
			.filter(p -> "/build/artifacts/-".equals(p.get("path")))
			.map(p -> Node.asMap(p.get("value")))
			.filter(a -> "payment-sandbox".equals(Node.string(a, "jib", "project")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the dev profile builds no payment-sandbox image"));
		assertThat(sandboxArtifact).containsEntry("image", IMAGE_PREFIX + "payment-sandbox")
			.containsEntry("context", ".");
		assertThat(Node.string(sandboxArtifact, "jib", "type")).isEqualTo("maven");
		assertThat(Charts.repoRoot().resolve("payment-sandbox/pom.xml")).content()
			.contains("<jib.skip>false</jib.skip>")
			.contains("<artifactId>jib-maven-plugin</artifactId>");

		List<Map<String, Object>> releases = applyPatches(Node.maps(skaffold, "deploy", "helm", "releases"), patches);
		Map<String, Object> devInfraRelease = releases.get(0);
		assertThat(Node.map(devInfraRelease, "setValueTemplates")).containsEntry("paymentSandbox.image",
				"{{.IMAGE_FULLY_QUALIFIED_ghcr_io_order_saga_payment_sandbox}}");

		Manifests infra = Charts.render(Charts.chart(Charts.DEV_INFRA))
			.release("dev-infra")
			.values("paymentSandbox: {image: \"registry.local/payment-sandbox:abc\"}")
			.manifests();
		Map<String, Object> sandbox = ServiceChecks.container(infra, "dev-infra-payment-sandbox");
		assertThat(sandbox).containsEntry("image", "registry.local/payment-sandbox:abc");
		Map<String, Map<String, Object>> sandboxEnv = ServiceChecks.env(sandbox);

		Manifests system = Charts.render(Charts.chart(ORDER_SAGA))
			.release("order-saga")
			.values(Charts.chart(ORDER_SAGA).resolve("values-dev.yaml"))
			.manifests();
		Map<String, Map<String, Object>> payment = ServiceChecks
			.env(ServiceChecks.container(system, "order-saga-payment-fn"));
		java.net.URI baseUrl = java.net.URI.create(Node.string(payment.get("SAGA_PAYMENT_PROVIDER_BASE_URL"), "value"));
		Map<String, Object> service = infra.get("Service", baseUrl.getHost());
		assertThat(Node.maps(service, "spec", "ports")).extracting(p -> p.get("port")).contains(baseUrl.getPort());
		assertThat(Node.map(service, "spec", "selector")).isEqualTo(
				Node.map(infra.get("Deployment", "dev-infra-payment-sandbox"), "spec", "selector", "matchLabels"));
		assertThat(Node.maps(sandbox, "ports")).extracting(p -> p.get("containerPort")).containsExactly(8090);
		assertThat(Node.string(sandboxEnv.get("SERVER_PORT"), "value")).isEqualTo("8090");
		// payment-fn sends the key the sandbox accepts: both read the one Secret
		// dev-infra creates
		assertThat(Node.map(sandboxEnv.get("SANDBOX_API_KEYS"), "valueFrom", "secretKeyRef"))
			.isEqualTo(Node.map(payment.get("SAGA_PAYMENT_PROVIDER_API_KEY"), "valueFrom", "secretKeyRef"));
		assertThat(infra.find("Secret",
				Node.string(sandboxEnv.get("SANDBOX_API_KEYS"), "valueFrom", "secretKeyRef", "name")))
			.isPresent();
		// the NetworkPolicy lets payment-fn out to the sandbox's port
		assertThat(Node.maps(system.get("NetworkPolicy", "order-saga-payment-fn"), "spec", "egress"))
			.anySatisfy(rule -> assertThat(Node.maps(rule, "ports")).extracting(p -> p.get("port"))
				.containsExactly(baseUrl.getPort()));
	}

	@Test
	void prodProfilePushesImagesAndTakesTheRequiredValuesFromTheEnvironment() {
		List<Map<String, Object>> patches = Node.maps(profile("prod"), "patches");
		assertThat(patches)
			.anySatisfy(p -> assertThat(p).containsEntry("path", "/build/local/push").containsEntry("value", true));
		assertThat(patches).extracting(p -> p.get("path").toString())
			.filteredOn(path -> path.startsWith("/deploy/helm/releases/0/setValueTemplates/"))
			.extracting(path -> path.substring("/deploy/helm/releases/0/setValueTemplates/".length()))
			.containsExactlyInAnyOrder("global.kafka.bootstrapServers", "global.mongodb.uriSecret.name",
					"global.smtp.host", "global.paymentProvider.baseUrl", "global.paymentProvider.apiKeySecret.name");
		assertThat(patches).noneSatisfy(p -> assertThat(p.get("value").toString()).contains("dev-infra"));
	}

	private static Map<String, Object> profile(String name) {
		return Node.maps(skaffold, "profiles")
			.stream()
			.filter(p -> name.equals(p.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no skaffold profile " + name));
	}

	private static Map<String, Object> umbrellaRelease(List<Map<String, Object>> releases) {
		return releases.stream()
			.filter(r -> "charts/order-saga".equals(r.get("chartPath")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no helm release of charts/order-saga in " + releases));
	}

	/**
	 * Applies the profile's JSON patches that touch deploy.helm.releases (add only, as
	 * skaffold would).
	 */
	private static List<Map<String, Object>> applyPatches(List<Map<String, Object>> releases,
			List<Map<String, Object>> patches) {
		List<Map<String, Object>> result = new java.util.ArrayList<>();
		releases.forEach(r -> result.add(new java.util.LinkedHashMap<>(r)));
		String prefix = "/deploy/helm/releases/";
		for (Map<String, Object> patch : patches) {
			String path = patch.get("path").toString();
			if (!path.startsWith(prefix)) {
				continue;
			}
			assertThat(patch).containsEntry("op", "add");
			String[] rest = path.substring(prefix.length()).split("/", 2);
			int index = Integer.parseInt(rest[0]);
			if (rest.length == 1) {
				result.add(index, Node.asMap(patch.get("value")));
			}
			else {
				result.get(index).put(rest[1], patch.get("value"));
			}
		}
		return result;
	}

}
