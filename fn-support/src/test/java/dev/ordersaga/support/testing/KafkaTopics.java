package dev.ordersaga.support.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Writes and reads topics of a real broker the way another service or an auditor would:
 * raw bytes, CloudEvents headers as UTF-8 strings, every record from the beginning.
 */
public final class KafkaTopics {

	private final Supplier<String> bootstrapServers;

	public KafkaTopics(String bootstrapServers) {
		this(() -> bootstrapServers);
	}

	/**
	 * @param bootstrapServers asked on every call: for a broker that may come back on
	 * another port
	 */
	public KafkaTopics(Supplier<String> bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Publishes one record and waits for the broker's acknowledgement.
	 * @return where it landed
	 */
	public RecordMetadata publish(String topic, String key, Map<String, String> headers, byte[] body) {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.get(),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, body);
			headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
			return producer.send(record).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** Publishes one record with a UTF-8 text body. */
	public RecordMetadata publish(String topic, String key, Map<String, String> headers, String body) {
		return publish(topic, key, headers, body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Every record of {@code topic} so far, read from the beginning of each partition;
	 * none when the topic does not exist (yet).
	 */
	public List<ConsumerRecord<String, byte[]>> records(String topic) {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.get(),
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000))) {
			List<TopicPartition> partitions = consumer.listTopics()
				.getOrDefault(topic, List.of())
				.stream()
				.map(info -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
			while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
				consumer.poll(Duration.ofMillis(200)).forEach(all::add);
			}
			return all;
		}
	}

	/** The bodies of every record of {@code topic} so far, as UTF-8 text. */
	public List<String> bodies(String topic) {
		return records(topic).stream().map(KafkaTopics::body).toList();
	}

	/**
	 * Waits, at most {@code atMost}, until the consumer group {@code group} has committed
	 * every record of {@code topic} ({@link #lag} 0).
	 */
	public void awaitDrained(String group, String topic, Duration atMost) {
		Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> lag(group, topic) == 0);
	}

	/**
	 * The records of {@code topic} keyed by {@code key} and of {@code ce_type}
	 * {@code type}.
	 */
	public List<ConsumerRecord<String, byte[]>> events(String topic, String key, String type) {
		return records(topic).stream()
			.filter(record -> key.equals(record.key()) && type.equals(header(record, "ce_type")))
			.toList();
	}

	/**
	 * How many records of {@code topic} the consumer group {@code group} has not
	 * committed yet, summed over the partitions; every record of a partition counts while
	 * the group has committed nothing there. Zero means the group is drained: what a test
	 * waits for before it counts effects, so that a late duplicate cannot slip past.
	 */
	public long lag(String group, String topic) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.get()));
				KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
						Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.get(),
								ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
								ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
			List<TopicPartition> partitions = consumer.listTopics()
				.getOrDefault(topic, List.of())
				.stream()
				.map(info -> new TopicPartition(topic, info.partition()))
				.toList();
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get();
			return partitions.stream().mapToLong(partition -> {
				OffsetAndMetadata offset = committed.get(partition);
				long beginning = consumer.beginningOffsets(List.of(partition)).get(partition);
				return end.get(partition) - (offset == null ? beginning : offset.offset());
			}).sum();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** A header's value as text, or {@code null}. */
	public static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	public static String body(ConsumerRecord<?, byte[]> record) {
		return new String(record.value(), StandardCharsets.UTF_8);
	}

}
