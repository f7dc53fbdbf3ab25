package dev.ordersaga.devstack.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the saga is compared with, measured on the same machine and broker in the same
 * run: one Kafka hop (produce 1 KiB with {@code acks=all}, consume it), the producer's
 * throughput, and one call to the payment provider's charge API.
 */
final class Baselines {

	private static final Logger log = LoggerFactory.getLogger(Baselines.class);

	private static final int RECORD_BYTES = 1024;

	private static final Duration HOP_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration THROUGHPUT_LIMIT = Duration.ofSeconds(60);

	private static final String SANDBOX_KEY = "sk_test_sandbox";

	private Baselines() {
	}

	record Kafka(Latencies.Summary hop, double producerRecordsPerSec, double producerMiBPerSec) {
	}

	/** One hop after a warm-up of a tenth of {@code samples}, then the throughput. */
	static Kafka kafka(String bootstrapServers, int samples, int throughputRecords) {
		String topic = "load-baseline-" + UUID.randomUUID();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())))
				.all()
				.get(30, TimeUnit.SECONDS);
			try {
				Latencies hop = hop(bootstrapServers, topic, samples);
				double[] throughput = throughput(bootstrapServers, topic, throughputRecords);
				return new Kafka(hop.summary(), throughput[0], throughput[1]);
			}
			finally {
				admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka baseline on topic " + topic + " failed", ex);
		}
	}

	private static Map<String, Object> producerConfig(String bootstrapServers, int lingerMs) {
		return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.LINGER_MS_CONFIG, lingerMs, ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
	}

	private static Latencies hop(String bootstrapServers, String topic, int samples)
			throws InterruptedException, ExecutionException, TimeoutException {
		byte[] payload = new byte[RECORD_BYTES];
		TopicPartition partition = new TopicPartition(topic, 0);
		Latencies latencies = new Latencies();
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(bootstrapServers, 0));
				KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
						Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
								ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
								ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
								ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
								ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500))) {
			consumer.assign(List.of(partition));
			consumer.seekToEnd(List.of(partition));
			consumer.position(partition);
			int warmUp = Math.max(1, samples / 10);
			for (int i = 0; i < warmUp + samples; i++) {
				long sent = System.nanoTime();
				long offset = producer.send(new ProducerRecord<>(topic, payload)).get(30, TimeUnit.SECONDS).offset();
				long deadline = sent + HOP_TIMEOUT.toNanos();
				boolean received = false;
				while (!received) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("Record " + offset + " not consumed within " + HOP_TIMEOUT);
					}
					for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
						received |= record.offset() == offset;
					}
				}
				if (i >= warmUp) {
					latencies.record((System.nanoTime() - sent) / 1_000);
				}
			}
		}
		return latencies;
	}

	/** Records per second and MiB per second until the last record was acknowledged. */
	private static double[] throughput(String bootstrapServers, String topic, int records)
			throws InterruptedException, ExecutionException, TimeoutException {
		byte[] payload = new byte[RECORD_BYTES];
		AtomicReference<Exception> failure = new AtomicReference<>();
		long started = System.nanoTime();
		long deadline = started + THROUGHPUT_LIMIT.toNanos();
		int sent = 0;
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(bootstrapServers, 5))) {
			while (sent < records && System.nanoTime() < deadline) {
				producer.send(new ProducerRecord<>(topic, payload), (metadata, ex) -> {
					if (ex != null) {
						failure.compareAndSet(null, ex);
					}
				});
				sent++;
			}
			producer.flush();
		}
		if (failure.get() != null) {
			throw new ExecutionException("A throughput record failed", failure.get());
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		log.info("Producer throughput: {} records of 1 KiB in {} s", sent, "%.2f".formatted(seconds));
		return new double[] { sent / seconds, sent * (double) RECORD_BYTES / (1024 * 1024) / seconds };
	}

	/**
	 * Sequential calls of {@code POST /v1/charges} as payment-fn makes them (a new
	 * idempotency key each), after a warm-up of a tenth of {@code samples}.
	 */
	static Latencies.Summary provider(HttpClient http, String sandboxUrl, int samples) {
		Latencies latencies = new Latencies();
		int warmUp = Math.max(1, samples / 10);
		for (int i = 0; i < warmUp + samples; i++) {
			String reference = "load-baseline-" + UUID.randomUUID();
			HttpRequest request = HttpRequest.newBuilder(URI.create(sandboxUrl + "/v1/charges"))
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + SANDBOX_KEY)
				.header("Idempotency-Key", reference)
				.POST(HttpRequest.BodyPublishers.ofString("""
						{"amount":1000,"currency":"KRW","source":"tok_visa","description":"load baseline",
						 "metadata":{"orderId":"%s"}}""".formatted(reference)))
				.build();
			long started = System.nanoTime();
			int status = send(http, request);
			if (status != 200) {
				throw new IllegalStateException("The provider's charge API answered " + status);
			}
			if (i >= warmUp) {
				latencies.record((System.nanoTime() - started) / 1_000);
			}
		}
		return latencies.summary();
	}

	private static int send(HttpClient http, HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
