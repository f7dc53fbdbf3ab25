package dev.ordersaga.charts;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The charts of the repository, rendered and linted offline by helm-java.
 *
 * <p>
 * Helm never runs on the source tree: the charts are copied once per test JVM under
 * {@code target/chart-work}, where {@code helm dependency update} packages saga-service
 * into the umbrella chart. A clean clone therefore needs nothing prebuilt, and the
 * working tree stays untouched.
 */
final class Charts {

	static final String SAGA_SERVICE = "saga-service";
	static final String ORDER_SAGA = "order-saga";
	static final String DEV_INFRA = "dev-infra";
	static final List<String> CHART_NAMES = List.of(SAGA_SERVICE, ORDER_SAGA, DEV_INFRA);

	/** The five services of the design; the umbrella chart installs all of them. */
	static final List<String> SERVICES = List.of("order-fn", "customer-fn", "payment-fn", "email-fn", "audit-fn");

	private static final AtomicInteger COPIES = new AtomicInteger();

	private static Path workspace;

	private Charts() {
	}

	static Path repoRoot() {
		return Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
	}

	static Path source(String chart) {
		return repoRoot().resolve("charts").resolve(chart);
	}

	/**
	 * Copy of every chart, umbrella dependencies built. Shared by all tests of this JVM;
	 * never modified.
	 */
	static synchronized Path workspace() {
		if (workspace == null) {
			Path root = Path.of(System.getProperty("chart.work", "target/chart-work")).toAbsolutePath();
			deleteRecursively(root);
			workspace = root.resolve("charts");
			for (String chart : CHART_NAMES) {
				copyTree(source(chart), workspace.resolve(chart), path -> !isBuildOutput(path));
			}
			new Helm(workspace.resolve(ORDER_SAGA)).dependency().update().call();
		}
		return workspace;
	}

	static Path chart(String name) {
		return workspace().resolve(name);
	}

	/**
	 * A private copy of all charts (with built dependencies) for tests that change a
	 * chart.
	 */
	static Path copyOfWorkspace() {
		Path copy = workspace().resolveSibling("copy-" + COPIES.incrementAndGet());
		copyTree(workspace(), copy, path -> true);
		return copy;
	}

	/**
	 * Rewrites one file of a chart copy; fails if the edit changed nothing, so a stale
	 * edit cannot pass silently.
	 */
	static void edit(Path file, UnaryOperator<String> change) {
		try {
			String before = Files.readString(file);
			String after = change.apply(before);
			if (after.equals(before)) {
				throw new IllegalStateException("edit of " + file + " changed nothing");
			}
			Files.writeString(file, after);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static Render render(Path chart) {
		return new Render(chart);
	}

	/**
	 * {@code helm lint --strict} as if run with {@code -f overlay}: helm-java's lint
	 * takes no values, so the overlay is merged into the values.yaml of a private copy.
	 */
	static LintResult lint(String chart, Path... overlays) {
		Path copy = copyOfWorkspace().resolve(chart);
		if (overlays.length > 0) {
			Path valuesFile = copy.resolve("values.yaml");
			Map<String, Object> values = readYaml(valuesFile);
			for (Path overlay : overlays) {
				values = deepMerge(values, readYaml(overlay));
			}
			DumperOptions options = new DumperOptions();
			options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
			try {
				Files.writeString(valuesFile, new Yaml(options).dump(values));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return new Helm(copy).lint().strict().call();
	}

	/** A values file under src/test/resources/values. */
	static Path values(String name) {
		try {
			var url = Charts.class.getResource("/values/" + name);
			if (url == null) {
				throw new IllegalArgumentException("no test values file " + name);
			}
			return Path.of(url.toURI());
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A values file written from inline YAML, for the few keys a test is about. */
	static Path valuesOf(String yaml) {
		try {
			Path dir = workspace().resolveSibling("values");
			Files.createDirectories(dir);
			Path file = Files.createTempFile(dir, "values-", ".yaml");
			Files.writeString(file, yaml);
			return file;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static Map<String, Object> readYaml(Path file) {
		try {
			Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
			return loaded == null ? new LinkedHashMap<>() : Node.asMap(loaded);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> overlay) {
		Map<String, Object> merged = new LinkedHashMap<>(base);
		overlay.forEach((key, value) -> {
			if (value instanceof Map<?, ?> overlayMap && merged.get(key) instanceof Map<?, ?> baseMap) {
				merged.put(key, deepMerge((Map<String, Object>) baseMap, (Map<String, Object>) overlayMap));
			}
			else {
				merged.put(key, value);
			}
		});
		return merged;
	}

	private static boolean isBuildOutput(Path path) {
		String p = path.toString().replace('\\', '/');
		return p.endsWith(".tgz") || p.endsWith("/Chart.lock");
	}

	private static void copyTree(Path from, Path to, java.util.function.Predicate<Path> include) {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : paths.filter(include).toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.createDirectories(target.getParent());
					Files.copy(path, target);
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void deleteRecursively(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** One {@code helm template} invocation. */
	static final class Render {

		private final Path chart;

		private String release = "order-saga";

		private final List<Path> valuesFiles = new ArrayList<>();

		private Render(Path chart) {
			this.chart = chart;
		}

		Render release(String name) {
			this.release = name;
			return this;
		}

		Render values(Path... files) {
			valuesFiles.addAll(List.of(files));
			return this;
		}

		Render values(String yaml) {
			return values(valuesOf(yaml));
		}

		/**
		 * Renders and parses the manifests; a chart that does not render fails the test
		 * with helm's message.
		 */
		Manifests manifests() {
			return Manifests.parse(command().call());
		}

		/** Helm's error message; fails if the chart rendered. */
		String error() {
			String output;
			try {
				output = command().call();
			}
			catch (IllegalStateException e) {
				return e.getMessage();
			}
			throw new AssertionError(
					"expected helm template of " + chart.getFileName() + " to fail, but it rendered:\n" + output);
		}

		/**
		 * NOTES.txt as {@code helm install --dry-run=client} prints it; needs no cluster.
		 */
		String notes() {
			InstallCommand install = new Helm(chart).install()
				.withName(release)
				.withNamespace("order-saga")
				.clientOnly()
				.withDryRunOption(DryRun.CLIENT);
			for (Path file : valuesFiles) {
				install = install.withValuesFile(file);
			}
			String output = install.call().getOutput();
			int notes = output.indexOf("NOTES:");
			if (notes < 0) {
				throw new AssertionError("no NOTES in the output of helm install --dry-run:\n" + output);
			}
			return output.substring(notes);
		}

		private TemplateCommand command() {
			TemplateCommand command = new Helm(chart).template().withName(release).withNamespace("order-saga");
			for (Path file : valuesFiles) {
				command = command.withValuesFile(file);
			}
			return command;
		}

	}

}
