package dev.ordersaga.devstack.saga;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.devstack.DevTokens;
import dev.ordersaga.devstack.SagaStack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One saga as an operator sees it: its trace in Zipkin, opened from the trace id the
 * dashboard shows, with spans of every service; and its JSON log lines, selected by order
 * id across all services.
 */
class ObservabilityTest {

	static final List<String> SAGA_SERVICES = List.of("order-fn", "customer-fn", "payment-fn", "email-fn");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	static SagaStack stack;

	static String orderId;

	/** One completed saga, both its e-mails sent, read by audit-fn to the end. */
	@BeforeAll
	static void oneCompletedSaga() {
		stack = E2e.stack();
		SagaClient client = new SagaClient(stack);
		Mailbox mailbox = new Mailbox(stack);
		SagaClient.Customer customer = client.registeredCustomer(100_000);
		orderId = client.order(customer.id(), 20_000);
		assertThat(client.awaitTerminal(orderId, Duration.ofSeconds(90))).isEqualTo("COMPLETED");
		await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.messageIds(customer.email()).size() >= 2);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> timelineTypes(saga()).stream().filter("email.sent.v1"::equals).count() >= 2);
	}

	@Test
	void theTraceIdOnTheDashboardOpensTheSagasTraceInZipkinWithSpansOfEveryService() {
		JsonNode saga = saga();
		String traceId = traceOf(saga, "order.created.v1");
		assertThat(values(saga.path("traceIds"))).contains(traceId);

		// the dashboard links its trace ids to the trace server
		String traceUrl = get(stack.url("audit-fn") + "/dashboard/settings").path("traceUrl").asString();
		assertThat(traceUrl).isEqualTo(stack.zipkin().url() + "/zipkin/traces/{traceId}");
		assertThat(status(traceUrl.replace("{traceId}", traceId))).isEqualTo(200);

		// spans are reported in batches: wait until the last hop (the e-mails) is in
		JsonNode spans = await().atMost(Duration.ofSeconds(60))
			.until(() -> zipkinTrace(traceId), trace -> names(trace).contains("smtp send")
					&& services(trace).containsAll(SAGA_SERVICES) && names(trace).contains("outbox relay"));

		assertThat(services(spans)).containsAll(SAGA_SERVICES);
		assertThat(kinds(spans)).contains("SERVER", "PRODUCER", "CONSUMER", "CLIENT");
		// HTTP in: POST /orders at order-fn
		JsonNode httpIn = span(spans,
				s -> "order-fn".equals(service(s)) && "SERVER".equals(s.path("kind").asString())
						&& s.path("tags").path("http.url").asString("").contains("/orders"))
			.orElseThrow(() -> new AssertionError("no POST /orders span in " + spans));
		// the outbox relay publishes in the trace of the request that wrote the order (a
		// descendant: Spring Security's "secured request" span lies between them)
		assertThat(span(spans,
				s -> "order-fn".equals(service(s)) && "outbox relay".equals(s.path("name").asString())
						&& descendsFrom(spans, s, httpIn.path("id").asString())))
			.as("order-fn's outbox relay span, under POST /orders")
			.isPresent();
		// every saga service consumes an event of this trace, and each one's publish is
		// in it
		for (String service : List.of("customer-fn", "payment-fn", "email-fn")) {
			assertThat(span(spans, s -> service.equals(service(s)) && "CONSUMER".equals(s.path("kind").asString())))
				.as("a Kafka consume span of %s", service)
				.isPresent();
		}
		for (String service : SAGA_SERVICES) {
			assertThat(span(spans, s -> service.equals(service(s)) && "PRODUCER".equals(s.path("kind").asString())))
				.as("a Kafka publish span of %s", service)
				.isPresent();
		}
		// the provider call: payment-fn's HTTP client span to the payment sandbox
		String sandbox = "localhost:" + stack.port("payment-sandbox");
		assertThat(span(spans,
				s -> "payment-fn".equals(service(s)) && "CLIENT".equals(s.path("kind").asString())
						&& s.path("tags").path("http.url").asString("").contains(sandbox)))
			.as("payment-fn's call to the provider at %s", sandbox)
			.isPresent();
		// the SMTP sends: one per e-mail, in email-fn
		assertThat(spans).filteredOn(s -> "smtp send".equals(s.path("name").asString()))
			.hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy(s -> assertThat(service(s)).isEqualTo("email-fn"));
	}

	@Test
	void theJsonLogLinesOfTheSagaAreSelectedByOrderIdAcrossAllServices() {
		String traceId = traceOf(saga(), "order.created.v1");
		Map<String, List<JsonNode>> lines = new TreeMap<>();
		// log lines are written as they come: wait for the last ones (the e-mails)
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			lines.clear();
			for (String service : SAGA_SERVICES) {
				lines.put(service,
						jsonLines(service).stream()
							.filter(line -> orderId.equals(line.path("orderId").asString(null)))
							.toList());
			}
			assertThat(lines).allSatisfy((service, selected) -> assertThat(selected).as(service).isNotEmpty());
		});

		assertThat(lines).allSatisfy((service, selected) -> {
			assertThat(selected).as("every line of %s about the order carries the trace id", service)
				.allSatisfy(line -> assertThat(line.path("traceId").asString("")).matches("[0-9a-f]{32}"));
			assertThat(selected).as("%s logs in the saga's trace", service)
				.anySatisfy(line -> assertThat(line.path("traceId").asString()).isEqualTo(traceId));
			assertThat(selected).as("lines of %s's event handlers carry the event type", service)
				.anySatisfy(line -> assertThat(line.path("ce_type").asString("")).matches("[a-z-]+\\.[a-z-]+\\.v\\d+"));
		});
		assertThat(lines.get("email-fn")).as("the e-mail dispatch logs the sends with the order id")
			.anySatisfy(line -> assertThat(line.path("message").asString()).contains("sent to"));
	}

	/**
	 * The service's log lines that are JSON objects (the prefix devstack adds removed).
	 */
	static List<JsonNode> jsonLines(String service) {
		String prefix = "[" + service + "] ";
		try {
			List<JsonNode> lines = new ArrayList<>();
			for (String line : Files.readAllLines(stack.logFile(service), StandardCharsets.UTF_8)) {
				String text = line.startsWith(prefix) ? line.substring(prefix.length()) : line;
				if (text.startsWith("{")) {
					lines.add(JSON.readTree(text));
				}
			}
			return lines;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static JsonNode saga() {
		return get(stack.url("audit-fn") + "/sagas/" + orderId);
	}

	static List<String> timelineTypes(JsonNode saga) {
		return saga == null ? List.of()
				: StreamSupport.stream(saga.path("timeline").spliterator(), false)
					.map(step -> step.path("type").asString(""))
					.toList();
	}

	static String traceOf(JsonNode saga, String type) {
		return StreamSupport.stream(saga.path("timeline").spliterator(), false)
			.filter(step -> type.equals(step.path("type").asString()))
			.map(step -> step.path("traceId").asString(""))
			.filter(id -> !id.isEmpty())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no trace id on " + type + " in " + saga));
	}

	static JsonNode zipkinTrace(String traceId) {
		HttpResponse<String> response = send(stack.zipkin().url() + "/api/v2/trace/" + traceId);
		return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createArrayNode();
	}

	static Set<String> services(JsonNode spans) {
		return StreamSupport.stream(spans.spliterator(), false)
			.map(ObservabilityTest::service)
			.collect(Collectors.toSet());
	}

	static Set<String> names(JsonNode spans) {
		return StreamSupport.stream(spans.spliterator(), false)
			.map(span -> span.path("name").asString(""))
			.collect(Collectors.toSet());
	}

	static Set<String> kinds(JsonNode spans) {
		return StreamSupport.stream(spans.spliterator(), false)
			.map(span -> span.path("kind").asString(""))
			.collect(Collectors.toSet());
	}

	static String service(JsonNode span) {
		return span.path("localEndpoint").path("serviceName").asString("");
	}

	/**
	 * Whether {@code span}'s chain of parents in {@code spans} reaches
	 * {@code ancestorId}.
	 */
	static boolean descendsFrom(JsonNode spans, JsonNode span, String ancestorId) {
		Map<String, String> parents = new HashMap<>();
		spans.forEach(s -> parents.put(s.path("id").asString(), s.path("parentId").asString("")));
		String parent = span.path("parentId").asString("");
		for (int depth = 0; !parent.isEmpty() && depth < parents.size(); depth++) {
			if (parent.equals(ancestorId)) {
				return true;
			}
			parent = parents.getOrDefault(parent, "");
		}
		return false;
	}

	static Optional<JsonNode> span(JsonNode spans, Predicate<JsonNode> condition) {
		return StreamSupport.stream(spans.spliterator(), false).filter(condition).findFirst();
	}

	static List<String> values(JsonNode array) {
		return StreamSupport.stream(array.spliterator(), false).map(node -> node.asString("")).toList();
	}

	static JsonNode get(String url) {
		HttpResponse<String> response = send(url);
		return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
	}

	static int status(String url) {
		return send(url).statusCode();
	}

	static HttpResponse<String> send(String url) {
		try {
			// audit-fn answers operators only; Zipkin ignores the token
			return HTTP.send(
					DevTokens.withOperator(
							HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build()),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
