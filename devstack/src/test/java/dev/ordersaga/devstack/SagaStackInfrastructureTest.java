package dev.ordersaga.devstack;

import dev.ordersaga.devstack.saga.E2e;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The harness's infrastructure is real: a Kafka broker that keeps its data across a
 * restart, MongoDB, SMTP.
 */
class SagaStackInfrastructureTest {

	private SagaStack stack;

	@BeforeEach
	void everythingRuns() {
		stack = E2e.stack();
	}

	@Test
	void brokerKeepsItsRecordsWhenStoppedAndStartedAgainOnTheSamePort() throws Exception {
		String topic = "devstack-probe-" + UUID.randomUUID();
		String bootstrap = stack.kafkaBootstrap();
		try (KafkaProducer<String, String> producer = producer()) {
			producer.send(new ProducerRecord<>(topic, "order-1", "before restart")).get();
		}
		assertThat(valuesOf(topic)).containsExactly("before restart");

		stack.stopKafka();
		assertThat(stack.isKafkaRunning()).isFalse();
		assertThat(Ports.isListening(Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1)))).isFalse();

		stack.startKafka();
		assertThat(stack.kafkaBootstrap()).isEqualTo(bootstrap);
		try (KafkaProducer<String, String> producer = producer()) {
			producer.send(new ProducerRecord<>(topic, "order-1", "after restart")).get();
		}
		assertThat(valuesOf(topic)).containsExactly("before restart", "after restart");
	}

	@Test
	void mongoDbAnswersTheRealDriver() {
		try (MongoClient client = MongoClients.create(stack.mongoUri("devstack-probe"))) {
			MongoCollection<Document> probes = client.getDatabase("devstack-probe").getCollection("probes");
			String id = UUID.randomUUID().toString();
			probes.insertOne(new Document("_id", id).append("state", "PENDING"));

			assertThat(probes.find(new Document("_id", id)).first()).containsEntry("state", "PENDING");
		}
	}

	@Test
	void smtpServerKeepsMailSentThroughSmtp() throws Exception {
		String subject = "Payment completed " + UUID.randomUUID();
		Properties smtp = new Properties();
		smtp.put("mail.smtp.host", "localhost");
		smtp.put("mail.smtp.port", String.valueOf(stack.mail().getSmtp().getPort()));
		MimeMessage mail = new MimeMessage(Session.getInstance(smtp));
		mail.setFrom(new InternetAddress("shop@example.com"));
		mail.setRecipient(Message.RecipientType.TO, new InternetAddress("one@example.com"));
		mail.setSubject(subject);
		mail.setText("Thank you for your order.");

		Transport.send(mail);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(stack.mail().getReceivedMessages()).extracting(MimeMessage::getSubject)
				.contains(subject));
	}

	private KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
				ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
	}

	/** Everything on {@code topic}, read from the beginning by a new consumer group. */
	private List<String> valuesOf(String topic) {
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(), ConsumerConfig.GROUP_ID_CONFIG,
						"devstack-probe-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					values.add(record.value());
				}
				return !values.isEmpty() && consumer.assignment()
					.stream()
					.allMatch(partition -> consumer.position(partition) >= consumer.endOffsets(List.of(partition))
						.get(partition));
			});
		}
		return values;
	}

}
