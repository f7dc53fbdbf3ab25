package dev.ordersaga.support.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.ConfigurationProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the {@code META-INF/spring-configuration-metadata.json} that
 * {@code spring-boot-configuration-processor} generates for a module: every key of its
 * {@code @ConfigurationProperties} records is listed, with the javadoc of its record
 * component as description, so that an IDE completes and documents it.
 */
public final class ConfigurationMetadata {

	private static final String LOCATION = "META-INF/spring-configuration-metadata.json";

	private ConfigurationMetadata() {
	}

	/**
	 * The keys of {@code properties} (a {@code @ConfigurationProperties} record, nested
	 * records followed) with their descriptions, read from the metadata file of the
	 * module (class output directory or jar) the record was compiled into.
	 */
	public static Map<String, String> of(Class<? extends Record> properties) {
		Map<String, String> described = read(properties);
		Map<String, String> keys = new TreeMap<>();
		expectedKeys(prefix(properties), properties).forEach(key -> keys.put(key, described.get(key)));
		return keys;
	}

	/** Fails unless every key of every record is listed with a description. */
	@SafeVarargs
	public static void assertDocumented(Class<? extends Record>... records) {
		for (Class<? extends Record> properties : records) {
			Map<String, String> keys = of(properties);
			assertThat(keys).as("keys of %s", properties.getSimpleName()).isNotEmpty();
			assertThat(keys).as("descriptions in %s of %s", LOCATION, properties.getName())
				.allSatisfy((key, description) -> assertThat(description).as(key).isNotBlank());
		}
	}

	private static String prefix(Class<?> properties) {
		ConfigurationProperties annotation = properties.getAnnotation(ConfigurationProperties.class);
		if (annotation == null) {
			throw new IllegalArgumentException(properties + " is no @ConfigurationProperties record");
		}
		return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
	}

	private static List<String> expectedKeys(String prefix, Class<?> type) {
		List<String> keys = new ArrayList<>();
		for (RecordComponent component : type.getRecordComponents()) {
			String key = prefix + "." + kebab(component.getName());
			Class<?> componentType = component.getType();
			if (componentType.isRecord() && componentType.getName().startsWith("dev.ordersaga.")) {
				keys.addAll(expectedKeys(key, componentType));
			}
			else {
				keys.add(key);
			}
		}
		return keys;
	}

	private static String kebab(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static Map<String, String> read(Class<?> properties) {
		URL root = properties.getProtectionDomain().getCodeSource().getLocation();
		String base = root.toString();
		String location = base.endsWith(".jar") ? "jar:" + base + "!/" + LOCATION
				: (base.endsWith("/") ? base : base + "/") + LOCATION;
		try (InputStream in = URI.create(location).toURL().openStream()) {
			JsonNode metadata = JsonMapper.builder().build().readTree(in);
			Map<String, String> descriptions = new LinkedHashMap<>();
			for (JsonNode property : metadata.path("properties")) {
				descriptions.put(property.path("name").asString(), property.path("description").asString(""));
			}
			return descriptions;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No " + LOCATION + " at " + location
					+ ": is spring-boot-configuration-processor on the annotation processor path?", ex);
		}
	}

}
