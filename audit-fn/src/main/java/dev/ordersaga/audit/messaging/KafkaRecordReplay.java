package dev.ordersaga.audit.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.ordersaga.audit.DeadLetter;
import dev.ordersaga.audit.DeadLetterFilter;
import dev.ordersaga.audit.DeadLetterRecord;
import dev.ordersaga.audit.Position;
import dev.ordersaga.audit.RecordReplay;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBinderConfigurationProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Replays dead letters with plain Kafka clients configured from the binder's properties
 * (brokers, security, idempotence, {@code acks}): the record is read by its position from
 * the dead-letter topic (the topic is where the record's bytes are kept; audit-fn's store
 * keeps no bodies, so no payment token is ever stored) and sent to the topic it failed
 * on, keyed as before (so it lands on its order's partition), with every header it
 * carried except the dead-letter ones ({@code x-original-*}, {@code x-exception-*}).
 */
class KafkaRecordReplay implements RecordReplay, DisposableBean {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

	private static final List<String> DEAD_LETTER_HEADERS = List.of("x-original-", "x-exception-", "x-key-exception-",
			REPLAYED_BY, REPLAY_OF, REPLAYED_AT);

	private final Map<String, Object> consumerConfig;

	private final DefaultKafkaProducerFactory<byte[], byte[]> producers;

	private final KafkaTemplate<byte[], byte[]> template;

	private final Clock clock;

	KafkaRecordReplay(KafkaBinderConfigurationProperties binder, Clock clock) {
		this.clock = clock;
		Map<String, Object> producer = new HashMap<>(binder.mergedProducerConfiguration());
		producer.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, binder.getKafkaConnectionString());
		producer.put(ProducerConfig.ACKS_CONFIG, binder.getRequiredAcks());
		producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		this.producers = new DefaultKafkaProducerFactory<>(producer);
		this.template = new KafkaTemplate<>(producers);
		Map<String, Object> consumer = new HashMap<>(binder.mergedConsumerConfiguration());
		consumer.putIfAbsent(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, binder.getKafkaConnectionString());
		// assigned, never subscribed: no group, nothing committed
		consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
		consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
		consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		this.consumerConfig = Map.copyOf(consumer);
	}

	@Override
	public Optional<DeadLetterRecord> read(DeadLetter letter) {
		return fetch(letter.position()).map(record -> {
			Map<String, byte[]> headers = new LinkedHashMap<>();
			for (Header header : record.headers()) {
				headers.put(header.key(), header.value());
			}
			return new DeadLetterRecord(record.key(), record.value(), headers);
		});
	}

	@Override
	public Position replay(DeadLetter letter, String by) {
		ConsumerRecord<byte[], byte[]> dead = fetch(letter.position())
			.orElseThrow(() -> new RecordGoneException("The dead-letter topic no longer holds " + letter.id()));
		String topic = letter.original() != null ? letter.original().topic()
				: DeadLetterFilter.originalTopic(letter.position().topic());
		// keyed: the partitioner puts it where its order's events go now; unkeyed: back
		// where it was read
		Integer partition = dead.key() == null && letter.original() != null && letter.original().partition() >= 0
				? letter.original().partition() : null;
		ProducerRecord<byte[], byte[]> replay = new ProducerRecord<>(topic, partition, dead.key(), dead.value());
		for (Header header : dead.headers()) {
			if (DEAD_LETTER_HEADERS.stream().noneMatch(header.key()::startsWith)) {
				replay.headers().add(header);
			}
		}
		replay.headers().add(REPLAYED_BY, bytes(by));
		replay.headers().add(REPLAY_OF, bytes(letter.id()));
		replay.headers().add(REPLAYED_AT, bytes(clock.instant().toString()));
		try {
			RecordMetadata sent = template.send(replay)
				.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.getRecordMetadata();
			return new Position(sent.topic(), sent.partition(), sent.offset());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while replaying " + letter.id(), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The broker did not take the replay of " + letter.id(), ex);
		}
	}

	/**
	 * The record at the position, or empty when the topic no longer (or never) had it.
	 */
	private Optional<ConsumerRecord<byte[], byte[]>> fetch(Position position) {
		TopicPartition partition = new TopicPartition(position.topic(), position.partition());
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
			List<TopicPartition> assigned = List.of(partition);
			long first = consumer.beginningOffsets(assigned, READ_TIMEOUT).getOrDefault(partition, 0L);
			long end = consumer.endOffsets(assigned, READ_TIMEOUT).getOrDefault(partition, 0L);
			if (position.offset() < first || position.offset() >= end) {
				return Optional.empty();
			}
			consumer.assign(assigned);
			consumer.seek(partition, position.offset());
			Instant until = clock.instant().plus(READ_TIMEOUT);
			while (clock.instant().isBefore(until)) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500)).records(partition)) {
					// compaction or a transaction marker may have left a gap at the
					// offset
					return record.offset() == position.offset() ? Optional.of(record) : Optional.empty();
				}
			}
			throw new IllegalStateException("Could not read " + position + " within " + READ_TIMEOUT);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void destroy() {
		producers.destroy();
	}

}
