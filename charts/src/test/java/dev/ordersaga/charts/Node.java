package dev.ordersaga.charts;

import java.util.List;
import java.util.Map;

/**
 * Navigation in parsed YAML. Path elements are map keys (String, which may contain dots
 * and slashes) or list indexes.
 */
final class Node {

	private Node() {
	}

	/** The value at the path, or null when any step is missing. */
	static Object at(Object root, Object... path) {
		Object current = root;
		for (Object step : path) {
			if (current instanceof Map<?, ?> map && step instanceof String key) {
				current = map.get(key);
			}
			else if (current instanceof List<?> list && step instanceof Integer index) {
				current = index < list.size() ? list.get(index) : null;
			}
			else {
				return null;
			}
		}
		return current;
	}

	static Map<String, Object> map(Object root, Object... path) {
		Object value = at(root, path);
		return value == null ? Map.of() : asMap(value);
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object root, Object... path) {
		Object value = at(root, path);
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?>)) {
			throw new AssertionError("expected a list at " + List.of(path) + " but found " + value);
		}
		return (List<Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> maps(Object root, Object... path) {
		return list(root, path).stream().map(item -> (Map<String, Object>) item).toList();
	}

	static String string(Object root, Object... path) {
		Object value = at(root, path);
		return value == null ? null : value.toString();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> asMap(Object value) {
		if (!(value instanceof Map<?, ?>)) {
			throw new AssertionError("expected a mapping but found " + value);
		}
		return (Map<String, Object>) value;
	}

}
