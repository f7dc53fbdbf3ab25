package dev.ordersaga.charts;

import static dev.ordersaga.charts.Charts.ORDER_SAGA;
import static dev.ordersaga.charts.Charts.chart;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** charts/README.md tells users what to set; the charts must agree with it. */
class ReadmeTest {

	private static String readme;

	@BeforeAll
	static void read() throws IOException {
		readme = Files.readString(Charts.repoRoot().resolve("charts/README.md"));
	}

	@Test
	void startsWithTheRunOnKubernetesSection() {
		assertThat(readme).startsWith("## Run on Kubernetes\n");
	}

	@Test
	void documentsExactlyTheValuesTheTestsInstallWith() {
		List<String> leaves = new ArrayList<>();
		flatten("", Charts.readYaml(Charts.values("required-umbrella.yaml")), leaves);
		assertThat(documentedRequiredValues()).containsExactlyInAnyOrderElementsOf(leaves);
	}

	@Test
	void rejectsAnInstallMissingAnyDocumentedRequiredValue() {
		for (String key : documentedRequiredValues()) {
			String error = Charts.render(chart(ORDER_SAGA))
				.values(Charts.values("required-umbrella.yaml"))
				.values(new Yaml().dump(nested(key, "")))
				.error();
			assertThat(error).as("install without %s", key).contains("/" + key.replace('.', '/'));
		}
	}

	@Test
	void theExampleValuesFileRendersAProductionReadySystem() {
		String example = codeBlocks("yaml").stream()
			.filter(b -> b.startsWith("global:"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no example values in charts/README.md"));
		Manifests manifests = Charts.render(chart(ORDER_SAGA)).values(example).manifests();
		for (String service : Charts.SERVICES) {
			ServiceChecks.assertProductionReady(manifests, "order-saga", service);
		}
		assertThat(manifests.kinds()).contains("KafkaTopic", "Ingress", "ServiceMonitor", "PrometheusRule");
	}

	private static List<String> documentedRequiredValues() {
		int start = readme.indexOf("#### Values you must set");
		assertThat(start).as("required values section").isNotNegative();
		String section = readme.substring(start, readme.indexOf("####", start + 4));
		List<String> keys = new ArrayList<>();
		Matcher m = Pattern.compile("(?m)^\\| `([A-Za-z0-9.]+)` \\|").matcher(section);
		while (m.find()) {
			keys.add(m.group(1));
		}
		assertThat(keys).as("rows of the required values table").isNotEmpty();
		return keys;
	}

	/**
	 * Fenced code blocks of one language, with the indentation of their fence removed.
	 */
	private static List<String> codeBlocks(String language) {
		List<String> blocks = new ArrayList<>();
		Matcher m = Pattern.compile("(?m)^( *)```" + language + "\\n(.*?)^ *```", Pattern.DOTALL).matcher(readme);
		while (m.find()) {
			String indent = m.group(1);
			StringBuilder block = new StringBuilder();
			m.group(2)
				.lines()
				.forEach(line -> block.append(line.startsWith(indent) ? line.substring(indent.length()) : line)
					.append('\n'));
			blocks.add(block.toString());
		}
		return blocks;
	}

	private static void flatten(String prefix, Map<String, Object> map, List<String> leaves) {
		map.forEach((key, value) -> {
			if (value instanceof Map<?, ?>) {
				flatten(prefix + key + ".", Node.asMap(value), leaves);
			}
			else {
				leaves.add(prefix + key);
			}
		});
	}

	private static Map<String, Object> nested(String dottedKey, Object value) {
		String[] parts = dottedKey.split("\\.");
		Object current = value;
		for (int i = parts.length - 1; i >= 0; i--) {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put(parts[i], current);
			current = map;
		}
		return Node.asMap(current);
	}

}
