package dev.ordersaga.charts;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kubernetes and CRD schemas of {@code charts/schemas} (see its README), applied to
 * rendered objects as kubeconform would: the schema is chosen by apiVersion and kind, an
 * object of a kind without a schema is an error, and unknown fields are errors.
 */
final class ManifestSchemas {

	private static final String BASE = "https://order-saga.dev/schemas/";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path directory;

	private final SchemaRegistry registry;

	private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

	ManifestSchemas(Path directory) {
		this.directory = directory;
		this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
				builder -> builder.schemas(iri -> iri.startsWith(BASE) ? read(iri.substring(BASE.length())) : null));
	}

	static ManifestSchemas ofRepository() {
		return new ManifestSchemas(Charts.repoRoot().resolve("charts/schemas"));
	}

	/**
	 * The schema file of an apiVersion and kind: {@code <group>-<version>-<kind>.json}
	 * (core group: {@code v1-<kind>.json}), or {@code <group>-<kind>.json} for a CRD
	 * schema that covers several versions.
	 */
	String fileOf(String apiVersion, String kind) {
		String lowerKind = kind.toLowerCase(Locale.ROOT);
		String[] groupVersion = apiVersion.split("/");
		List<String> candidates = groupVersion.length == 1 ? List.of(apiVersion + "-" + lowerKind + ".json")
				: List.of(groupVersion[0] + "-" + groupVersion[1] + "-" + lowerKind + ".json",
						groupVersion[0] + "-" + lowerKind + ".json");
		return candidates.stream()
			.filter(file -> Files.isRegularFile(directory.resolve(file)))
			.findFirst()
			.orElse(null);
	}

	/** Violations of one object, each naming the field; empty when it is valid. */
	List<String> violations(Map<String, Object> object) {
		String apiVersion = String.valueOf(object.get("apiVersion"));
		String kind = String.valueOf(object.get("kind"));
		String file = fileOf(apiVersion, kind);
		if (file == null) {
			return List.of("no schema for " + apiVersion + " " + kind + " in " + directory);
		}
		Schema schema = schemas.computeIfAbsent(file, f -> registry.getSchema(SchemaLocation.of(BASE + f)));
		JsonNode node = JSON.valueToTree(object);
		return schema.validate(node).stream().map(Error::toString).toList();
	}

	private String read(String file) {
		try {
			return Files.readString(directory.resolve(file));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
