package dev.ordersaga.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The objects of one {@code helm template} output. */
record Manifests(List<Map<String, Object>> objects) {

	static Manifests parse(String multiDocumentYaml) {
		List<Map<String, Object>> objects = new ArrayList<>();
		LoaderOptions options = new LoaderOptions();
		// the API server rejects duplicate fields; so do we
		options.setAllowDuplicateKeys(false);
		for (Object document : new Yaml(new SafeConstructor(options)).loadAll(multiDocumentYaml)) {
			if (document != null) {
				Map<String, Object> object = Node.asMap(document);
				if (object.get("kind") == null || Node.string(object, "metadata", "name") == null) {
					throw new AssertionError("rendered a document without kind or name: " + object);
				}
				objects.add(object);
			}
		}
		return new Manifests(List.copyOf(objects));
	}

	List<Map<String, Object>> ofKind(String kind) {
		return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
	}

	Set<String> names(String kind) {
		Set<String> names = new TreeSet<>();
		ofKind(kind).forEach(o -> names.add(Node.string(o, "metadata", "name")));
		return names;
	}

	Set<String> kinds() {
		Set<String> kinds = new TreeSet<>();
		objects.forEach(o -> kinds.add(o.get("kind").toString()));
		return kinds;
	}

	Optional<Map<String, Object>> find(String kind, String name) {
		List<Map<String, Object>> matches = ofKind(kind).stream()
			.filter(o -> name.equals(Node.string(o, "metadata", "name")))
			.toList();
		if (matches.size() > 1) {
			throw new AssertionError(matches.size() + " objects " + kind + "/" + name);
		}
		return matches.stream().findFirst();
	}

	Map<String, Object> get(String kind, String name) {
		return find(kind, name)
			.orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " among " + kind + "s " + names(kind)));
	}
}
