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
 * Maven profile sets it).
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

		EmbeddedStack.Builder builder = EmbeddedStack.builder()
			.servicesDirectory(servicesDirectory)
			.kafkaDirectory(home.resolve("kafka"))
			.mongoFile(home.resolve("mongodb.mv.db"))
			.port(KafkaBroker.NAME, Settings.port(KafkaBroker.NAME, 9092))
			.port(EmbeddedStack.KAFKA_CONTROLLER, Settings.port(EmbeddedStack.KAFKA_CONTROLLER, 9093))
			.port(EmbeddedMongo.NAME, Settings.port(EmbeddedMongo.NAME, 27017))
			.port(MailServer.SMTP, Settings.port(MailServer.SMTP, 3025))
			.port(MailServer.IMAP, Settings.port(MailServer.IMAP, 3143))
			.port(MailboxPage.NAME, Settings.port(MailboxPage.NAME, 8025))
			.mailboxPage(true)
			.services(services)
			.logs(LogSink.console());
		for (SagaService service : SagaService.values()) {
			builder.port(service.id(), Settings.port(service.id(), service.defaultPort()));
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
			text.append(" Dashboard      %s/  (saga timelines and consistency: %s/consistency)%n"
				.formatted(stack.url(SagaService.AUDIT_FN), stack.url(SagaService.AUDIT_FN)));
		}
		text.append(" Services\n");
		for (SagaService service : stack.services()) {
			String url = stack.url(service);
			text.append("   %-12s API      %s%n".formatted(service.id(), url))
				.append("   %-12s Swagger  %s/swagger-ui.html%n".formatted("", url))
				.append("   %-12s health   %s/actuator/health%n".formatted("", url))
				.append("   %-12s metrics  %s/actuator/prometheus%n".formatted("", url));
		}
		if (!skipped.isEmpty()) {
			text.append("   not started (devstack.skip): ")
				.append(String.join(", ", skipped))
				.append(" - run them yourself with the properties below\n");
		}
		MailServer mail = stack.mail();
		text.append(" Infrastructure\n")
			.append("   Kafka        bootstrap %s (KRaft; data %s)%n".formatted(stack.kafka().bootstrapServers(),
					stack.kafka().dataDirectory()))
			.append("   MongoDB      %s (one database per service; data %s)%n".formatted(stack.mongo().uri("<service>"),
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
		text.append(" Reset all data: stop devstack and delete ").append(home).append('\n').append(rule);
		return text.toString();
	}

}
