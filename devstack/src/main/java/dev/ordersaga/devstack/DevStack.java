package dev.ordersaga.devstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local run: starts MongoDB (file-backed), SMTP with a mailbox page, the Kafka broker
 * (data kept) and every service on the default ports of ARCHITECTURE §5, prints where
 * everything is, and runs until Ctrl-C.
 * <p>
 * Settings (system property or environment variable): {@code devstack.port.<component>} /
 * {@code DEVSTACK_PORT_<COMPONENT>} for every port, {@code devstack.home} (data, default
 * {@code .devstack}), {@code devstack.services-dir} (the service jars),
 * {@code devstack.skip} (comma-separated services not to start, e.g. the one you run from
 * your IDE), {@code devstack.exit-with-parent} (stop when the parent process ends; the
 * Maven profile sets it), {@code devstack.kafka.security} ({@code scram-tls}: the secured
 * broker of {@link KafkaSecurity}, data in {@code kafka-scram-tls}),
 * {@code devstack.log-format} ({@code text}, the default, or
 * {@code logstash}/{@code ecs}: the services log JSON lines), {@code devstack.no-zipkin}
 * ({@code true}: no Zipkin server on 9411, no span export).
 */
public final class DevStack {

	private static final Logger log = LoggerFactory.getLogger(DevStack.class);

	private DevStack() {
	}

	public static void main(String[] args) throws InterruptedException {
		long started = System.nanoTime();
		Path home = Path.of(Settings.value("devstack.home").orElse(".devstack")).toAbsolutePath().normalize();
		Path servicesDirectory = Path.of(Settings.value("devstack.services-dir").orElse("devstack/target/services"))
			.toAbsolutePath()
			.normalize();
		Set<String> skipped = Settings.value("devstack.skip")
			.stream()
			.flatMap(value -> Arrays.stream(value.split(",")))
			.map(String::strip)
			.filter(id -> !id.isEmpty())
			.map(id -> SagaService.byId(id).id())
			.collect(Collectors.toSet());
		List<SagaService> services = Arrays.stream(SagaService.values())
			.filter(service -> !skipped.contains(service.id()))
			.toList();

		boolean kafkaSecured = KafkaSecurity.requested(Settings.value("devstack.kafka.security"));
		EmbeddedStack.Builder builder = EmbeddedStack.builder()
			.servicesDirectory(servicesDirectory)
			// the secured broker has its admin user in its metadata log: a data directory
			// of its own
			.kafkaDirectory(home.resolve(kafkaSecured ? "kafka-" + KafkaSecurity.SCRAM_TLS : "kafka"))
			.kafkaSecured(kafkaSecured)
			.mongoFile(home.resolve("mongodb.mv.db"))
			.port(KafkaBroker.NAME, Settings.port(KafkaBroker.NAME, 9092))
			.port(EmbeddedStack.KAFKA_CONTROLLER, Settings.port(EmbeddedStack.KAFKA_CONTROLLER, 9093))
			.port(EmbeddedStack.KAFKA_MTLS, Settings.port(EmbeddedStack.KAFKA_MTLS, 9094))
			.port(EmbeddedMongo.NAME, Settings.port(EmbeddedMongo.NAME, 27017))
			.port(MailServer.SMTP, Settings.port(MailServer.SMTP, 3025))
			.port(MailServer.IMAP, Settings.port(MailServer.IMAP, 3143))
			.port(MailboxPage.NAME, Settings.port(MailboxPage.NAME, 8025))
			.mailboxPage(true)
			.port(TraceServer.NAME, Settings.port(TraceServer.NAME, 9411))
			.traceServer(!Boolean.parseBoolean(Settings.value("devstack.no-zipkin").orElse("false")))
			// readable console by default; -Ddevstack.log-format=logstash (or ecs) for
			// JSON lines
			.structuredLogs(Settings.value("devstack.log-format").filter(format -> !"text".equals(format)).orElse(null))
			.services(services)
			.logs(LogSink.console());
		for (SagaService service : SagaService.values()) {
			builder.port(service.id(), Settings.port(service.id(), service.defaultPort()));
			if (service.hasManagementPort()) {
				builder.port(service.managementComponent(),
						Settings.port(service.managementComponent(), service.defaultManagementPort()));
			}
		}
		EmbeddedStack stack = builder.build();
		if (Boolean.parseBoolean(Settings.value("devstack.exit-with-parent").orElse("false"))) {
			// started by Maven: stopping Maven (IDE stop button, kill) must stop the
			// stack, not orphan it
			ProcessHandle.current().parent().ifPresent(parent -> ParentWatchdog.exitWhenGone(parent.pid()));
		}
		try {
			stack.startInfrastructure().startServices();
		}
		catch (RuntimeException e) {
			log.error("devstack failed to start: {}", e.getMessage());
			stack.close();
			System.exit(1);
		}
		log.info(banner(stack, home, skipped, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
		// the JVM shutdown hook of the stack stops everything on Ctrl-C / SIGTERM
		new CountDownLatch(1).await();
	}

	private static String banner(EmbeddedStack stack, Path home, Set<String> skipped, long millis) {
		StringBuilder text = new StringBuilder();
		String rule = "=".repeat(100);
		text.append('\n')
			.append(rule)
			.append('\n')
			.append(" Order saga devstack is up (%.1f s, Java %s). Ctrl-C stops everything.%n"
				.formatted(millis / 1000.0, Runtime.version()))
			.append(rule)
			.append('\n');
		if (stack.services().contains(SagaService.AUDIT_FN)) {
			text.append(" Dashboard      http://127.0.0.1:%d/  (sign in as %s / %s; the API: %s/consistency)%n"
				.formatted(stack.port(SagaService.AUDIT_FN), DevTokens.OPERATOR_USER, DevTokens.OPERATOR_PASSWORD,
						stack.url(SagaService.AUDIT_FN)));
		}
		if (stack.services().contains(SagaService.AUTH_SERVER)) {
			String issuer = stack.issuerUrl();
			text.append(
					" Tokens (every API needs one: -H \"Authorization: Bearer $TOKEN\"); issuer %s%n".formatted(issuer))
				.append("   operator   (scope saga.operate, everything):%n".formatted())
				.append("     curl -s -u %s:%s -d grant_type=client_credentials %s/oauth2/token | jq -r .access_token%n"
					.formatted(DevTokens.OPERATOR_CLIENT, DevTokens.OPERATOR_SECRET, issuer))
				.append("   storefront (scope customers.register, POST /customers):%n".formatted())
				.append("     curl -s -u %s:%s -d grant_type=client_credentials %s/oauth2/token | jq -r .access_token%n"
					.formatted(DevTokens.STOREFRONT_CLIENT, DevTokens.STOREFRONT_SECRET, issuer))
				.append("   customer   (scope orders, their own orders, record, payments and mails; dev only):%n"
					.formatted())
				.append("     curl -s -u %s:%s -d customer_id=<customerId> %s/dev/tokens | jq -r .access_token%n"
					.formatted(DevTokens.STOREFRONT_CLIENT, DevTokens.STOREFRONT_SECRET, issuer))
				.append("   dashboard login: user %s, password %s%n".formatted(DevTokens.OPERATOR_USER,
						DevTokens.OPERATOR_PASSWORD));
		}
		stack.traceServer()
			.ifPresent(zipkin -> text
				.append(" Traces         %s/zipkin/  (Zipkin; a saga's trace id on the dashboard links there)%n"
					.formatted(zipkin.url())));
		text.append(" Services\n");
		for (SagaService service : stack.services()) {
			if (service == SagaService.AUTH_SERVER) {
				continue;
			}
			String url = stack.url(service);
			text.append("   %-12s API      %s%n".formatted(service.id(), url))
				.append("   %-12s Swagger  %s/swagger-ui.html%n".formatted("", url))
				.append("   %-12s health   %s/actuator/health (management port)%n".formatted("",
						stack.managementUrl(service)))
				.append("   %-12s metrics  %s/actuator/prometheus%n".formatted("", stack.managementUrl(service)));
		}
		if (!skipped.isEmpty()) {
			text.append("   not started (devstack.skip): ")
				.append(String.join(", ", skipped))
				.append(" - run them yourself with the properties below\n");
		}
		MailServer mail = stack.mail();
		text.append(" Infrastructure\n")
			.append("   Kafka        bootstrap %s (KRaft; data %s)%n".formatted(stack.kafka().bootstrapServers(),
					stack.kafka().dataDirectory()));
		stack.kafka()
			.security()
			.ifPresent(security -> text
				.append("""
						   Kafka security  SASL_SSL + SCRAM-SHA-512 on %s, mTLS on 127.0.0.1:%d, ACLs per service (StandardAuthorizer)
						     CA %s; a service's login: %s/<service>-kafka.properties
						     (run one from the IDE with --spring.config.import=file:<that file>);
						     tools: --command-config %s/admin-client.properties (super user) or <service>-client.properties
						"""
					.formatted(stack.kafka().bootstrapServers(), security.mtlsPort(), security.caCertificate(),
							security.directory(), security.directory())));
		text.append("   MongoDB      %s (one database per service; data %s)%n".formatted(stack.mongo().uri("<service>"),
				stack.mongo().storage()))
			.append("   SMTP         localhost:%d (accepts every mail and keeps it)%n".formatted(mail.smtpPort()));
		stack.mailboxPage()
			.ifPresent(page -> text
				.append("   Mailbox      %s (received mail; raw MIME at /messages/<n>)%n".formatted(page.url())));
		text.append(
				"   IMAP         localhost:%d (user = recipient address, any password)%n".formatted(mail.imapPort()))
			.append(" A service run from the IDE (add -Ddevstack.skip=<service> here) connects with\n")
			.append("   --spring.cloud.stream.kafka.binder.brokers=%s --spring.mongodb.uri=%s%n"
				.formatted(stack.kafka().bootstrapServers(), stack.mongo().uri("<service>")))
			.append("   --spring.mail.host=localhost --spring.mail.port=%d%n".formatted(mail.smtpPort()));
		stack.traceServer()
			.ifPresent(zipkin -> text.append(
					"   --management.tracing.export.zipkin.enabled=true --management.tracing.export.zipkin.endpoint=%s%n"
						.formatted(zipkin.spansEndpoint())));
		text.append(" Reset all data: stop devstack and delete ").append(home).append('\n').append(rule);
		return text.toString();
	}

}
