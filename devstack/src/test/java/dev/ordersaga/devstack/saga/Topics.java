package dev.ordersaga.devstack.saga;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.ordersaga.devstack.SagaStack;

/** Reads and writes the saga topics as an outside producer or auditor would. */
final class Topics {

	private final SagaStack stack;

	Topics(SagaStack stack) {
		this.stack = stack;
	}

	/**
	 * Publishes one record with CloudEvents headers as UTF-8 strings; returns where it
	 * landed.
	 */
	RecordMetadata publish(String topic, String key, Map<String, String> headers, String body) {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key,
					body.getBytes(StandardCharsets.UTF_8));
			headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
			return producer.send(record).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, String> cloudEvent(String id, String type, String subject) {
		return Map.of("ce_id", id, "ce_type", type, "ce_source", "/e2e-test", "ce_specversion", "1.0", "ce_subject",
				subject, "ce_time", "2026-11-25T10:00:00Z");
	}

	/** Every record of {@code topic} so far (empty when the topic does not exist yet). */
	List<ConsumerRecord<String, byte[]>> records(String topic) {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
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

	/**
	 * The records of {@code topic} keyed by {@code key} and of CloudEvents type
	 * {@code type}.
	 */
	List<ConsumerRecord<String, byte[]>> events(String topic, String key, String type) {
		return records(topic).stream().filter(r -> key.equals(r.key()) && type.equals(header(r, "ce_type"))).toList();
	}

	static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	static String body(ConsumerRecord<?, byte[]> record) {
		return new String(record.value(), StandardCharsets.UTF_8);
	}

}
