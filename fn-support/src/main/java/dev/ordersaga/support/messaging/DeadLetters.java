package dev.ordersaga.support.messaging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.ordersaga.support.events.PoisonMessageException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBinderConfigurationProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;

/**
 * Publishes records that cannot be processed to the binding's dead-letter topic, as the
 * binder itself would: same key and body, same {@code x-original-*} and
 * {@code x-exception-*} headers (the reason in {@code x-exception-message}), so dead
 * letters look alike whichever service wrote them. Uses its own producer, configured from
 * the binder's properties (brokers, security, idempotence, acks).
 */
public class DeadLetters implements DisposableBean {

	private final DefaultKafkaProducerFactory<byte[], byte[]> producers;

	private final KafkaTemplate<byte[], byte[]> template;

	public DeadLetters(KafkaBinderConfigurationProperties binder) {
		Map<String, Object> config = new HashMap<>(binder.mergedProducerConfiguration());
		config.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, binder.getKafkaConnectionString());
		config.put(ProducerConfig.ACKS_CONFIG, binder.getRequiredAcks());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		this.producers = new DefaultKafkaProducerFactory<>(config);
		this.template = new KafkaTemplate<>(producers);
	}

	/**
	 * A recoverer that sends to the topic partition {@code destination} (the binder's DLQ
	 * resolver) chooses.
	 */
	public DeadLetterPublishingRecoverer recoverer(
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template, destination);
		recoverer.setHeaderNamesSupplier(() -> HeaderNames.Builder.original()
			.topicHeader(KafkaMessageChannelBinder.X_ORIGINAL_TOPIC)
			.partitionHeader(KafkaMessageChannelBinder.X_ORIGINAL_PARTITION)
			.offsetHeader(KafkaMessageChannelBinder.X_ORIGINAL_OFFSET)
			.timestampHeader(KafkaMessageChannelBinder.X_ORIGINAL_TIMESTAMP)
			.timestampTypeHeader(KafkaMessageChannelBinder.X_ORIGINAL_TIMESTAMP_TYPE)
			.consumerGroupHeader("x-original-consumer-group")
			.exception()
			.keyExceptionFqcn("x-key-exception-fqcn")
			.exceptionFqcn(KafkaMessageChannelBinder.X_EXCEPTION_FQCN)
			.exceptionCauseFqcn("x-exception-cause-fqcn")
			.keyExceptionMessage("x-key-exception-message")
			.exceptionMessage(KafkaMessageChannelBinder.X_EXCEPTION_MESSAGE)
			.keyExceptionStacktrace("x-key-exception-stacktrace")
			.exceptionStacktrace(KafkaMessageChannelBinder.X_EXCEPTION_STACKTRACE)
			.build());
		recoverer.setExceptionHeadersCreator(DeadLetters::reasonHeaders);
		return recoverer;
	}

	/**
	 * The reason is the exception that classified the record (a
	 * {@link PoisonMessageException}) or else the deepest cause, not the listener's
	 * wrappers around it.
	 */
	private static void reasonHeaders(Headers headers, Exception exception, boolean isKey, HeaderNames names) {
		Throwable reason = reason(exception);
		headers.add(KafkaMessageChannelBinder.X_EXCEPTION_FQCN, bytes(reason.getClass().getName()));
		headers.add(KafkaMessageChannelBinder.X_EXCEPTION_MESSAGE, bytes(String.valueOf(reason.getMessage())));
		StringWriter trace = new StringWriter();
		exception.printStackTrace(new PrintWriter(trace));
		headers.add(KafkaMessageChannelBinder.X_EXCEPTION_STACKTRACE, bytes(trace.toString()));
	}

	public static Throwable reason(Throwable exception) {
		Throwable current = exception;
		while (current.getCause() != null && current.getCause() != current) {
			if (current instanceof PoisonMessageException) {
				return current;
			}
			current = current.getCause();
		}
		return current;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void destroy() {
		producers.destroy();
	}

}
