package dev.ordersaga.contracts;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.cloud.contract.spec.Contract;
import org.springframework.cloud.contract.spec.internal.OutputMessage;
import org.springframework.cloud.contract.verifier.util.BodyExtractor;
import org.springframework.cloud.contract.verifier.util.ContractVerifierDslConverter;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every messaging contract of the saga, parsed with Spring Cloud Contract's own DSL
 * converter, so that tests can ask which event types are pinned between which services.
 * <p>
 * Contracts live in
 * {@code contracts/src/main/resources/contracts/<producer>/<consumer>/}; the
 * {@code stubs} jar of the contracts module carries the same files as
 * {@code META-INF/dev.ordersaga/<producer>/<version>/contracts/<consumer>/}, the layout
 * of a producer's own stubs jar, which is how services find them on their test classpath.
 * HTTP contracts ({@code <producer>/http/}) are not events and are left out.
 */
public final class ContractCatalog {

	/** The group id every producer's stubs live under. */
	public static final String GROUP_ID = "dev.ordersaga";

	private static final Pattern STUB_PATH = Pattern
		.compile(".*/META-INF/" + Pattern.quote(GROUP_ID) + "/([^/]+)/[^/]+/contracts/([^/]+)/([^/]+\\.groovy)$");

	private final List<EventContract> events;

	private ContractCatalog(List<EventContract> events) {
		this.events = events.stream()
			.sorted(Comparator.comparing(EventContract::producer)
				.thenComparing(EventContract::consumer)
				.thenComparing(EventContract::file))
			.toList();
	}

	/**
	 * The contracts of every producer whose stubs are on the classpath (the contracts
	 * module's {@code stubs} jar).
	 */
	public static ContractCatalog fromStubsOnClasspath() {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver(ContractCatalog.class.getClassLoader())
				.getResources("classpath*:META-INF/" + GROUP_ID + "/*/*/contracts/*/*.groovy");
			List<EventContract> events = new ArrayList<>();
			for (Resource resource : resources) {
				Matcher path = STUB_PATH.matcher(resource.getURL().toString());
				if (!path.matches()) {
					continue;
				}
				String dsl = resource.getContentAsString(StandardCharsets.UTF_8);
				events.addAll(parse(path.group(1), path.group(2), path.group(3), dsl));
			}
			if (events.isEmpty()) {
				throw new IllegalStateException("No contracts under META-INF/" + GROUP_ID
						+ " on the classpath: add dev.ordersaga:contracts:<version>:stubs as a test dependency");
			}
			return new ContractCatalog(events);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The contracts in a source tree laid out as {@code <producer>/<consumer>/*.groovy}.
	 */
	public static ContractCatalog fromDirectory(Path root) {
		try (Stream<Path> files = Files.walk(root)) {
			List<EventContract> events = new ArrayList<>();
			for (Path file : files.filter(f -> f.toString().endsWith(".groovy")).toList()) {
				Path relative = root.relativize(file);
				if (relative.getNameCount() != 3) {
					throw new IllegalStateException(
							"Contract " + relative + " is not laid out as <producer>/<consumer>/<file>.groovy");
				}
				events.addAll(parse(relative.getName(0).toString(), relative.getName(1).toString(),
						relative.getName(2).toString(), Files.readString(file)));
			}
			return new ContractCatalog(events);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every messaging contract, ordered by producer, consumer and file. */
	public List<EventContract> events() {
		return events;
	}

	public List<EventContract> publishedBy(String producer) {
		return events.stream().filter(event -> event.producer().equals(producer)).toList();
	}

	public List<EventContract> consumedBy(String consumer) {
		return events.stream().filter(event -> event.consumer().equals(consumer)).toList();
	}

	public EventContract byLabel(String label) {
		return events.stream()
			.filter(event -> event.label().equals(label))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No contract labelled '" + label + "'"));
	}

	/**
	 * The {@code ce_type}s a producer publishes that no consumer has a contract for.
	 * @param published every type the producer's catalog can write
	 */
	public Set<String> uncontractedPublished(String producer, Collection<String> published) {
		Set<String> contracted = publishedBy(producer).stream().map(EventContract::type).collect(Collectors.toSet());
		return published.stream()
			.filter(type -> !contracted.contains(type))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/**
	 * The {@code ce_type}s a consumer reads without a contract from their producer.
	 * @param consumed every type the consumer's catalogs read
	 */
	public Set<String> uncontractedConsumed(String consumer, Collection<String> consumed) {
		Set<String> contracted = consumedBy(consumer).stream().map(EventContract::type).collect(Collectors.toSet());
		return consumed.stream()
			.filter(type -> !contracted.contains(type))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	static List<EventContract> parse(String producer, String consumer, String file, String dsl) {
		if ("http".equals(consumer)) {
			return List.of();
		}
		Collection<Contract> contracts = ContractVerifierDslConverter.convertAsCollection(new File("."), dsl);
		List<EventContract> events = new ArrayList<>();
		for (Contract contract : contracts) {
			OutputMessage message = contract.getOutputMessage();
			if (message == null) {
				throw new IllegalStateException("Contract " + producer + "/" + consumer + "/" + file
						+ " is no messaging contract: HTTP contracts belong in " + producer + "/http/");
			}
			Map<String, Object> headers = message.getHeaders() == null ? Map.of()
					: new LinkedHashMap<>(message.getHeaders().asStubSideMap());
			Object body = message.getBody() == null ? Map.of()
					: BodyExtractor.extractClientValueFromBody(message.getBody().getClientValue());
			events.add(new EventContract(producer, consumer, file, contract.getLabel(),
					String.valueOf(headers.get("ce_type")), String.valueOf(message.getSentTo().getClientValue()),
					headers, asMap(body, file)));
		}
		return events;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object body, String file) {
		if (body instanceof Map<?, ?> map) {
			return (Map<String, Object>) map;
		}
		throw new IllegalStateException("Contract " + file + " must have a JSON object body, not " + body);
	}

}
