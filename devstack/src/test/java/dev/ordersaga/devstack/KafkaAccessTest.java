package dev.ordersaga.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ACL table of the secured broker agrees with what each service binds in its
 * {@code application.yml} and with the chart's {@code kafkaUser} values: a new binding
 * that the table misses would be denied in the secured mode and in production.
 */
class KafkaAccessTest {

	private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

	@Test
	void grantsEachServiceExactlyTheTopicsItsBindingsUse() {
		for (SagaService service : SagaService.values()) {
			KafkaAccess.of(service).ifPresent(access -> {
				Map<String, Object> yaml = yaml(
						ROOT.resolve(service.id()).resolve("src/main/resources/application.yml"));
				Set<String> consumed = new TreeSet<>();
				Set<String> produced = new TreeSet<>();
				Map<String, Object> bindings = map(yaml, "spring", "cloud", "stream", "bindings");
				bindings.forEach((name, binding) -> {
					@SuppressWarnings("unchecked")
					Map<String, Object> properties = (Map<String, Object>) binding;
					Set<String> destinations = Arrays.stream(properties.get("destination").toString().split(","))
						.map(String::strip)
						.collect(Collectors.toSet());
					// function bindings: <function>-in-<n> consume, <function>-out-<n>
					// produce
					(name.matches(".*-in-\\d+") ? consumed : produced).addAll(destinations);
				});
				if (service == SagaService.AUDIT_FN) {
					// its dead-letter replay writes each record back to the topic it came
					// from
					consumed.stream()
						.filter(topic -> topic.endsWith(".dlq"))
						.forEach(topic -> produced.add(topic.substring(0, topic.length() - ".dlq".length())));
				}
				map(yaml, "spring", "cloud", "stream", "kafka", "bindings").values().forEach(binding -> {
					Object dlq = map(binding, "consumer").get("dlq-name");
					if (dlq != null) {
						produced.add(dlq.toString());
					}
				});
				assertThat(access.consumes()).as("%s consumes", service.id())
					.containsExactlyInAnyOrderElementsOf(consumed);
				assertThat(access.produces()).as("%s produces", service.id())
					.containsExactlyInAnyOrderElementsOf(produced);
				assertThat(access.group()).isEqualTo(service.id());
			});
		}
	}

	@Test
	void grantsTheSameAccessAsTheChartsKafkaUsers() {
		Map<String, Object> values = yaml(ROOT.resolve("charts/order-saga/values.yaml"));
		for (SagaService service : SagaService.values()) {
			KafkaAccess.of(service).ifPresent(access -> {
				Map<String, Object> user = map(values, service.id(), "kafkaUser");
				assertThat(Set.copyOf(list(user, "readTopics"))).as("%s readTopics", service.id())
					.isEqualTo(access.consumes());
				assertThat(Set.copyOf(list(user, "writeTopics"))).as("%s writeTopics", service.id())
					.isEqualTo(access.produces());
				assertThat(Set.copyOf(list(user, "describeGroups"))).as("%s describeGroups", service.id())
					.isEqualTo(access.observedGroups());
			});
		}
	}

	@Test
	void auditFnWritesOnlyTheTopicsItReplaysDeadLettersTo() {
		List<AclBinding> acls = KafkaAccess.of(SagaService.AUDIT_FN).orElseThrow().aclBindings();
		assertThat(acls).filteredOn(acl -> acl.entry().operation() == AclOperation.WRITE)
			.extracting(acl -> acl.pattern().name())
			.containsExactlyInAnyOrder("order-events", "customer-events", "payment-events", "email-events",
					"customer-profiles");
		assertThat(acls).filteredOn(acl -> acl.pattern().resourceType() == ResourceType.GROUP)
			.extracting(acl -> acl.pattern().name() + ":" + acl.entry().operation())
			.containsExactlyInAnyOrder("audit-fn:READ", "order-fn:DESCRIBE", "customer-fn:DESCRIBE",
					"payment-fn:DESCRIBE", "email-fn:DESCRIBE");
		assertThat(acls).allMatch(acl -> acl.entry().principal().equals("User:audit-fn"));
	}

	@Test
	void theIssuerAndThePaymentSandboxHaveNoKafkaPrincipal() {
		assertThat(KafkaAccess.of(SagaService.PAYMENT_SANDBOX)).isEmpty();
		assertThat(KafkaAccess.of(SagaService.AUTH_SERVER)).isEmpty();
	}

	private static Map<String, Object> yaml(Path file) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return new Yaml().load(reader);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object root, String... path) {
		Object node = root;
		for (String key : path) {
			node = node == null ? null : ((Map<String, Object>) node).get(key);
		}
		return node == null ? Map.of() : (Map<String, Object>) node;
	}

	@SuppressWarnings("unchecked")
	private static List<String> list(Map<String, Object> root, String key) {
		Object node = root.get(key);
		return node == null ? List.of() : (List<String>) node;
	}

}
