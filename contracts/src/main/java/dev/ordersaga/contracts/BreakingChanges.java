package dev.ordersaga.contracts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Proves that a producer's generated contract tests catch what would break a consumer:
 * runs the test the plugin generated for one contract (in this JVM, on the cached Spring
 * context) while {@link WireMutations} changes the producer's message the way a change of
 * its event record would, and reports whether the test still passed.
 */
public final class BreakingChanges {

	private static final Launcher LAUNCHER = LauncherFactory.create();

	private final String basePackageForTests;

	/**
	 * @param basePackageForTests the plugin's {@code basePackageForTests} of the producer
	 */
	public BreakingChanges(String basePackageForTests) {
		this.basePackageForTests = basePackageForTests;
	}

	/**
	 * Every field path a consumer reads in the contract's body, e.g. {@code orderId},
	 * {@code total}, {@code total.amount}.
	 */
	public static List<String> fieldsRead(EventContract contract) {
		List<String> paths = new ArrayList<>();
		collect("", contract.exampleBody(), paths);
		return paths;
	}

	/**
	 * The producer renames the field at {@code path}, e.g. {@code total} →
	 * {@code totalRenamed}.
	 */
	public static UnaryOperator<Map<String, Object>> rename(String path) {
		return body -> change(body, path.split("\\."), 0, true);
	}

	/** The producer stops sending the field at {@code path}. */
	public static UnaryOperator<Map<String, Object>> drop(String path) {
		return body -> change(body, path.split("\\."), 0, false);
	}

	/**
	 * The producer adds fields no consumer knows, at the top level and in every object.
	 */
	public static UnaryOperator<Map<String, Object>> addFields() {
		return BreakingChanges::withAddedFields;
	}

	/**
	 * Runs the generated test of {@code contract} while {@code change} is in force.
	 * @return the summary; {@code testsFailedCount() > 0} means the change was caught
	 */
	public TestExecutionSummary verify(EventContract contract, UnaryOperator<Map<String, Object>> change) {
		LauncherDiscoveryRequest request = request()
			.selectors(selectMethod(generatedTestClass(contract), generatedTestMethod(contract)))
			.build();
		SummaryGeneratingListener summary = new SummaryGeneratingListener();
		WireMutations.during(change, () -> LAUNCHER.execute(request, summary));
		if (summary.getSummary().getTestsFoundCount() != 1) {
			throw new IllegalStateException("No generated test " + generatedTestClass(contract) + "#"
					+ generatedTestMethod(contract) + " for contract " + contract.file());
		}
		return summary.getSummary();
	}

	/**
	 * The class the plugin generates for a consumer folder: {@code customer-fn} →
	 * {@code Customer_fnTest}.
	 */
	String generatedTestClass(EventContract contract) {
		String folder = contract.consumer().replaceAll("[^A-Za-z0-9]", "_");
		return basePackageForTests + "." + folder.substring(0, 1).toUpperCase(Locale.ROOT) + folder.substring(1)
				+ "Test";
	}

	/** The method the plugin generates for a contract file: {@code validate_<file>}. */
	static String generatedTestMethod(EventContract contract) {
		return "validate_" + contract.file().replaceFirst("\\.groovy$", "");
	}

	@SuppressWarnings("unchecked")
	private static void collect(String prefix, Map<String, Object> object, List<String> paths) {
		object.forEach((field, value) -> {
			paths.add(prefix + field);
			if (value instanceof Map<?, ?> nested) {
				collect(prefix + field + ".", (Map<String, Object>) nested, paths);
			}
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> change(Map<String, Object> object, String[] path, int depth, boolean rename) {
		Map<String, Object> copy = new LinkedHashMap<>();
		object.forEach((field, value) -> {
			if (!field.equals(path[depth])) {
				copy.put(field, value);
			}
			else if (depth < path.length - 1 && value instanceof Map<?, ?> nested) {
				copy.put(field, change((Map<String, Object>) nested, path, depth + 1, rename));
			}
			else if (rename) {
				copy.put(field + "Renamed", value);
			}
		});
		return copy;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> withAddedFields(Map<String, Object> object) {
		Map<String, Object> copy = new LinkedHashMap<>();
		object.forEach((field, value) -> copy.put(field,
				value instanceof Map<?, ?> nested ? withAddedFields((Map<String, Object>) nested) : value));
		copy.put("addedLater", Map.of("nested", true, "list", List.of(1, 2)));
		return copy;
	}

}
