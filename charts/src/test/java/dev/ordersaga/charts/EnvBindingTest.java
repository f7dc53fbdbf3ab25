package dev.ordersaga.charts;

import static dev.ordersaga.charts.Charts.ORDER_SAGA;
import static dev.ordersaga.charts.Charts.SERVICES;
import static dev.ordersaga.charts.Charts.chart;
import static dev.ordersaga.charts.Charts.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every environment variable the chart gives a service binds to a property the service
 * has, by Spring Boot's relaxed binding of environment variables
 * ({@code SAGA_ORDER_DEADLINE} → {@code saga.order.deadline}: dots become underscores,
 * dashes go, upper case). A property exists when it is a component of one of the
 * service's (or fn-support's) {@code @ConfigurationProperties} records, a documented
 * property of Spring Boot, Spring Cloud Stream's Kafka binder or Resilience4j (their
 * {@code spring-configuration-metadata.json}; a {@code Map} property takes any key below
 * it), or a key the service's own {@code application.yml} or fn-support's
 * {@code saga-defaults.yml} sets. A misspelt name, or one given to a service that has no
 * such setting, binds to nothing and fails here instead of being ignored in the cluster.
 */
class EnvBindingTest {

	private static final String RELEASE = "order-saga";

	/**
	 * Every integration switched on, so that every variable the chart can set is here.
	 */
	private static final String EVERY_VARIABLE = """
			global:
			  kafka:
			    securityProtocol: SASL_SSL
			    saslJaasConfigSecret: {name: order-saga}
			    caCertSecret: {name: my-cluster-cluster-ca-cert}
			  smtp:
			    credentialsSecret: {name: order-saga-smtp}
			""";

	private static Manifests manifests;

	private static Set<String> libraryProperties;

	private static Set<String> libraryMaps;

	@BeforeAll
	static void renderAndReadTheDocumentedProperties() throws IOException {
		manifests = Charts.render(chart(ORDER_SAGA))
			.release(RELEASE)
			.values(values("required-umbrella.yaml"))
			.values(EVERY_VARIABLE)
			.manifests();
		libraryProperties = new TreeSet<>();
		libraryMaps = new TreeSet<>();
		JsonMapper json = JsonMapper.builder().build();
		for (String resource : List.of("META-INF/spring-configuration-metadata.json",
				"META-INF/additional-spring-configuration-metadata.json")) {
			for (URL url : Collections.list(EnvBindingTest.class.getClassLoader().getResources(resource))) {
				try (InputStream in = url.openStream()) {
					for (JsonNode property : json.readTree(in).path("properties")) {
						String name = property.path("name").asString();
						libraryProperties.add(name);
						if (property.path("type").asString().startsWith("java.util.Map")) {
							libraryMaps.add(name);
						}
					}
				}
			}
		}
	}

	@Test
	void everyVariableOfEveryServiceBindsToAProperty() {
		List<String> unbound = new ArrayList<>();
		for (String service : SERVICES) {
			Properties known = Properties.of(service);
			for (String name : envNames(manifests, service)) {
				if (!known.binds(name)) {
					unbound.add(service + ": " + name);
				}
			}
		}
		assertThat(unbound).as("environment variables that bind to no property").isEmpty();
	}

	@Test
	void readsTheDocumentedPropertiesOfTheLibrariesAndTheServicesOwnRecords() {
		assertThat(libraryProperties).contains("spring.mongodb.uri", "spring.mail.host",
				"spring.cloud.stream.kafka.binder.brokers", "server.port");
		assertThat(libraryMaps).contains("spring.cloud.stream.kafka.binder.configuration");
		assertThat(Properties.of("order-fn").records).contains("saga.order.deadline", "saga.order.deadline-grace",
				"saga.outbox.collections");
		assertThat(Properties.of("payment-fn").records).contains("saga.payment.provider.base-url",
				"saga.payment.provider.api-key", "saga.payment.recheck.delays");
		assertThat(Properties.of("audit-fn").records).contains("saga.audit.deadline", "saga.audit.grace",
				"saga.audit.consumer-groups");
	}

	@Test
	void aMisspeltVariableOrOneGivenToTheWrongServiceBindsToNothing() {
		Properties order = Properties.of("order-fn");
		Properties customer = Properties.of("customer-fn");
		assertThat(order.binds("SAGA_ORDER_DEADLINE")).isTrue();
		assertThat(order.binds("SAGA_ORDER_DEADLINE_GRACE")).isTrue();
		assertThat(order.binds("SAGA_ORDER_DEADLIN")).isFalse();
		assertThat(order.binds("SAGA_ORDER_DEADLINEGRACE")).isTrue();
		assertThat(order.binds("SAGA_ORDER_DEADLINE_GRAC")).isFalse();
		assertThat(customer.binds("SAGA_ORDER_DEADLINE")).as("order-fn's setting on customer-fn").isFalse();
		assertThat(order.binds("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_MECHANISM")).isTrue();
		assertThat(order.binds("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKER")).isFalse();
		assertThat(order.binds("SPRING_MONGO_URI")).isFalse();

		Manifests typo = Charts.render(chart(ORDER_SAGA))
			.release(RELEASE)
			.values(values("required-umbrella.yaml"))
			.values("customer-fn: {env: {SAGA_CUSTOMER_WRITE_ATTEMPT: \"3\", SAGA_CUSTOMER_WRITE_ATTEMPTS: \"3\"}}")
			.manifests();
		assertThat(envNames(typo, "customer-fn")).filteredOn(name -> !customer.binds(name))
			.containsExactly("SAGA_CUSTOMER_WRITE_ATTEMPT");
	}

	private static List<String> envNames(Manifests manifests, String service) {
		return ServiceChecks.env(ServiceChecks.container(manifests, ServiceChecks.fullname(RELEASE, service)))
			.keySet()
			.stream()
			.toList();
	}

	/** The properties one service has. */
	private record Properties(Set<String> records, Set<String> configured) {

		static Properties of(String service) {
			Path root = Charts.repoRoot();
			Set<String> records = new TreeSet<>();
			for (Path sources : List.of(root.resolve(service).resolve("src/main/java"),
					root.resolve("fn-support/src/main/java"))) {
				records.addAll(ConfigurationRecords.properties(sources));
			}
			Set<String> configured = new TreeSet<>();
			configured.addAll(flatten(root.resolve(service).resolve("src/main/resources/application.yml")));
			configured.addAll(flatten(root.resolve("fn-support/src/main/resources/saga-defaults.yml")));
			return new Properties(records, configured);
		}

		boolean binds(String envName) {
			return Stream.of(records, configured, libraryProperties)
				.flatMap(Set::stream)
				.anyMatch(property -> envForms(property).contains(envName))
					|| libraryMaps.stream()
						.anyMatch(map -> envForms(map).stream().anyMatch(form -> envName.startsWith(form + "_")));
		}

		/**
		 * The environment variables Spring Boot binds to a property
		 * (SystemEnvironmentPropertyMapper): dots become underscores, upper case, and
		 * dashes are dropped ({@code SAGA_ORDER_DEADLINEGRACE}) or, in the legacy form,
		 * become underscores too ({@code SAGA_ORDER_DEADLINE_GRACE}).
		 */
		static Set<String> envForms(String property) {
			String dotted = property.replaceAll("\\[(\\d+)]", ".$1").toUpperCase(Locale.ROOT);
			return new TreeSet<>(
					List.of(dotted.replace("-", "").replace('.', '_'), dotted.replace('-', '_').replace('.', '_')));
		}

		private static Set<String> flatten(Path yaml) {
			Set<String> keys = new TreeSet<>();
			flatten("", Charts.readYaml(yaml), keys);
			return keys;
		}

		private static void flatten(String prefix, Map<String, Object> map, Set<String> keys) {
			map.forEach((key, value) -> {
				String name = prefix.isEmpty() ? key : prefix + "." + key;
				if (value instanceof Map<?, ?> nested) {
					flatten(name, Node.asMap(nested), keys);
				}
				else {
					keys.add(name);
				}
			});
		}

	}

	/**
	 * The properties of the {@code @ConfigurationProperties} records in a source tree:
	 * the prefix plus each record component in kebab case, recursing into nested records
	 * of the same file.
	 */
	static final class ConfigurationRecords {

		private static final Pattern ANNOTATED = Pattern.compile(
				"@ConfigurationProperties\\(\\s*(?:prefix\\s*=\\s*|value\\s*=\\s*)?\"([^\"]+)\"\\s*\\)[^;{]*?record\\s+(\\w+)\\s*\\(");

		private ConfigurationRecords() {
		}

		static Set<String> properties(Path sources) {
			Set<String> properties = new TreeSet<>();
			try (Stream<Path> files = Files.walk(sources)) {
				for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
					String source = Files.readString(file);
					Matcher matcher = ANNOTATED.matcher(source);
					while (matcher.find()) {
						collect(source, matcher.group(2), matcher.group(1), properties, 0);
					}
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			return properties;
		}

		private static void collect(String source, String record, String prefix, Set<String> properties, int depth) {
			Matcher declaration = Pattern.compile("record\\s+" + record + "\\s*\\(").matcher(source);
			if (depth > 5 || !declaration.find()) {
				return;
			}
			for (String component : components(source, declaration.end())) {
				String[] tokens = component.replaceAll("@\\w+(\\.\\w+)*(\\s*\\((?:[^()]|\\([^()]*\\))*\\))?", " ")
					.replaceAll("<[^<>]*(<[^<>]*>[^<>]*)*>", "")
					.trim()
					.split("\\s+");
				String name = tokens[tokens.length - 1];
				String type = tokens.length > 1 ? tokens[tokens.length - 2] : "";
				String property = prefix + "." + kebab(name);
				properties.add(property);
				collect(source, type.replaceAll(".*\\.", ""), property, properties, depth + 1);
			}
		}

		/** The record components between the parenthesis at start and its match. */
		private static List<String> components(String source, int start) {
			List<String> components = new ArrayList<>();
			int depth = 0;
			boolean inString = false;
			StringBuilder current = new StringBuilder();
			for (int i = start; i < source.length(); i++) {
				char c = source.charAt(i);
				if (c == '"' && source.charAt(i - 1) != '\\') {
					inString = !inString;
				}
				if (!inString) {
					if (c == '(' || c == '{' || c == '<') {
						depth++;
					}
					else if (c == ')' || c == '}' || c == '>') {
						if (depth == 0) {
							break;
						}
						depth--;
					}
					else if (c == ',' && depth == 0) {
						components.add(current.toString());
						current.setLength(0);
						continue;
					}
				}
				current.append(c);
			}
			if (!current.toString().isBlank()) {
				components.add(current.toString());
			}
			return components;
		}

		private static String kebab(String camel) {
			return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
		}

	}

}
