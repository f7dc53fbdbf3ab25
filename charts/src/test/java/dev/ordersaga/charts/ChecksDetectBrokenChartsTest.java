package dev.ordersaga.charts;

import static dev.ordersaga.charts.Charts.SAGA_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checks fail when the chart is wrong: each test breaks a private copy of the generic
 * chart the way a careless edit would, and expects the build to notice.
 */
class ChecksDetectBrokenChartsTest {

	private static final Path REQUIRED = Charts.values("required-service.yaml");

	@Test
	void aMissingLivenessProbeFailsTheServiceChecks() {
		Path chart = Charts.copyOfWorkspace().resolve(SAGA_SERVICE);
		Charts.edit(chart.resolve("templates/deployment.yaml"),
				t -> t.replaceAll("(?s)\\n {10}livenessProbe:.*?(?=\\n {10}readinessProbe:)", ""));
		Manifests broken = Charts.render(chart).values(REQUIRED).manifests();

		assertThatThrownBy(() -> ServiceChecks.assertProductionReady(broken, "order-saga", "order-fn"))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("livenessProbe of order-saga-order-fn");
	}

	@Test
	void aWritableRootFilesystemAndMissingChecksumFailTheServiceChecks() {
		Path chart = Charts.copyOfWorkspace().resolve(SAGA_SERVICE);
		Charts.edit(chart.resolve("templates/deployment.yaml"),
				t -> t.replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false")
					.replaceAll("\\n +checksum/config: .*", ""));
		Manifests broken = Charts.render(chart).values(REQUIRED).manifests();

		assertThatThrownBy(() -> ServiceChecks.assertProductionReady(broken, "order-saga", "order-fn"))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("readOnlyRootFilesystem of order-saga-order-fn")
			.hasMessageContaining("config checksum annotation of order-saga-order-fn");
	}

	@Test
	void aTemplateSyntaxErrorFailsRenderingAndLint() {
		Path chart = Charts.copyOfWorkspace().resolve(SAGA_SERVICE);
		Charts.edit(chart.resolve("templates/service.yaml"),
				t -> t.replace("{{ .Values.service.type }}", "{{ .Values.service.type "));

		assertThat(Charts.render(chart).values(REQUIRED).error()).contains("service.yaml");
		LintResult lint = new com.marcnuri.helm.Helm(chart).lint().strict().call();
		assertThat(lint.isFailed()).isTrue();
	}

	@Test
	void aCredentialWrittenAsPlainValueIsReported() {
		Map<String, Object> container = new LinkedHashMap<>();
		container.put("env",
				List.of(Map.of("name", "SPRING_MAIL_PASSWORD", "value", "hunter2"),
						Map.of("name", "SPRING_MONGODB_URI", "valueFrom",
								Map.of("secretKeyRef", Map.of("name", "mongo", "key", "uri"))),
						Map.of("name", "SPRING_MAIL_HOST", "value", "smtp.example.com")));
		assertThat(ServiceChecks.plainTextCredentials(container)).containsExactly("SPRING_MAIL_PASSWORD");
	}

	@Test
	void aSchemaThatNoLongerRejectsWrongTypesIsNoticed() {
		Path chart = Charts.copyOfWorkspace().resolve(SAGA_SERVICE);
		Charts.edit(chart.resolve("values.schema.json"),
				s -> s.replaceFirst("\"replicaCount\": \\{\\s*\"type\": \"integer\"",
						"\"replicaCount\": {\"type\": [\"integer\", \"string\"]"));

		assertThatThrownBy(() -> Charts.render(chart).values(REQUIRED).values("replicaCount: two").error())
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("to fail, but it rendered");
	}

}
