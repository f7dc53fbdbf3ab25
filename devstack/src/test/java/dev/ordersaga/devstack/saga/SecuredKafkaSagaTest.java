package dev.ordersaga.devstack.saga;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.ordersaga.devstack.KafkaBroker;
import dev.ordersaga.devstack.KafkaSecurity;
import dev.ordersaga.devstack.SagaStack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * devstack's {@code scram-tls} mode end to end: every service runs against a broker that
 * speaks only TLS, logs in with its own SCRAM-SHA-512 user and is allowed only its own
 * topics and consumer group ({@code StandardAuthorizer} ACLs), and a saga still runs to
 * COMPLETED with both e-mails and audit-fn's view. A client with one service's
 * credentials is denied another service's topics, by SCRAM and by client certificate.
 * <p>
 * Runs in a surefire execution of its own ({@code secured-kafka}), with a stack of its
 * own, never next to the shared plaintext stack.
 */
@Tag("secured-kafka")
class SecuredKafkaSagaTest {

	private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

	static SagaStack stack;

	static SagaClient client;

	@BeforeAll
	static void startSecuredStack() {
		// a second stack in this build: on a loaded machine its JVMs may need longer than
		// the shared stack's 3 min
		stack = SagaStack.startOwn(builder -> builder.kafkaSecured(true).readyTimeout(Duration.ofMinutes(15)));
		client = new SagaClient(stack);
	}

	@AfterAll
	static void stopSecuredStack() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void sagaCompletesWithEveryServiceOnItsOwnScramLoginOverTls() throws Exception {
		for (String service : List.of("order-fn", "customer-fn", "payment-fn", "email-fn", "audit-fn")) {
			Path file = Path.of(stack.properties(service).get("spring.config.import").substring("file:".length()));
			Properties login = new Properties();
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				login.load(reader);
			}
			assertThat(login.getProperty(KafkaSecurity.BINDER_CONFIGURATION + "security.protocol"))
				.isEqualTo("SASL_SSL");
			assertThat(login.getProperty(KafkaSecurity.BINDER_CONFIGURATION + "sasl.mechanism"))
				.isEqualTo("SCRAM-SHA-512");
			assertThat(login.getProperty(KafkaSecurity.BINDER_CONFIGURATION + "sasl.jaas.config"))
				.contains("username=\"" + service + "\"");
		}
		SagaClient.Customer customer = client.registeredCustomer(100_000);

		String orderId = client.order(customer.id(), 30_000);

		assertThat(client.awaitTerminal(orderId, Duration.ofSeconds(180))).isEqualTo("COMPLETED");
		assertThat(client.history(orderId)).containsExactly("PENDING", "APPROVED", "COMPLETED");
		Mailbox mailbox = new Mailbox(stack);
		await().atMost(Duration.ofSeconds(120)).until(() -> mailbox.messageIds(customer.email()).size() >= 2);
		await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
			SagaClient.Response saga = client.get("audit-fn", "/sagas/" + orderId);
			assertThat(saga.status()).isEqualTo(200);
			assertThat(saga.body().get("state").asString()).isEqualTo("COMPLETED");
		});
		// audit-fn may describe the other services' consumer groups, and only that
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			SagaClient.Response consistency = client.get("audit-fn", "/consistency");
			assertThat(consistency.body().path("consumerLag").path("order-fn").path("lag").isNumber()).isTrue();
		});
	}

	@Test
	void paymentFnsLoginMayNotWriteOrderEvents() {
		try (KafkaProducer<String, String> producer = producer(scram("payment-fn"))) {
			// its own topic: described (Write implies Describe)
			assertThat(producer.partitionsFor("payment-events")).isNotEmpty();

			assertThatThrownBy(
					() -> producer.send(new ProducerRecord<>("order-events", UUID.randomUUID().toString(), "{}"))
						.get(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
				.isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOfSatisfying(TopicAuthorizationException.class,
						denied -> assertThat(denied.unauthorizedTopics()).containsExactly("order-events"));
		}
	}

	@Test
	void paymentFnsLoginMayNotReadAnotherServicesTopic() {
		Map<String, Object> config = scram("payment-fn");
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "payment-fn");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			// assigned, not subscribed: payment-fn's real consumer group is left alone
			consumer.assign(List.of(new TopicPartition("customer-events", 0)));

			assertThatThrownBy(() -> {
				for (long end = System.nanoTime() + CLIENT_TIMEOUT.toNanos(); System.nanoTime() < end;) {
					consumer.poll(Duration.ofSeconds(1));
				}
			}).isInstanceOfSatisfying(TopicAuthorizationException.class,
					denied -> assertThat(denied.unauthorizedTopics()).containsExactly("customer-events"));
		}
	}

	@Test
	void paymentFnsClientCertificateIsAuthorizedAsPaymentFnOnly() {
		KafkaSecurity security = stack.stack().kafka().security().orElseThrow();
		try (KafkaProducer<String, String> producer = producer(
				new HashMap<>(security.mtlsClientConfig("payment-fn")))) {
			assertThat(producer.partitionsFor("payment-events")).isNotEmpty();

			assertThatThrownBy(
					() -> producer.send(new ProducerRecord<>("order-events", UUID.randomUUID().toString(), "{}"))
						.get(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
				.isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOfSatisfying(TopicAuthorizationException.class,
						denied -> assertThat(denied.unauthorizedTopics()).containsExactly("order-events"));
		}
	}

	@Test
	void aWrongPasswordIsRejected() {
		Map<String, Object> config = scram("payment-fn");
		config.put(SaslConfigs.SASL_JAAS_CONFIG,
				"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"payment-fn\" password=\"guess\";");
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
		try (Admin admin = Admin.create(config)) {
			assertThatThrownBy(() -> admin.describeCluster().nodes().get(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
				.isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(SaslAuthenticationException.class);
		}
	}

	private static Map<String, Object> scram(String principal) {
		KafkaBroker kafka = stack.stack().kafka();
		return new HashMap<>(kafka.clientConfig(principal));
	}

	private static KafkaProducer<String, String> producer(Map<String, Object> config) {
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis() / 2);
		return new KafkaProducer<>(config);
	}

}
