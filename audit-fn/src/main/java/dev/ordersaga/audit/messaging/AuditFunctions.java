package dev.ordersaga.audit.messaging;

import java.util.function.Consumer;

import dev.ordersaga.audit.SagaAuditing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The functions the bindings in {@code application.yml} invoke. Glue only. */
@Configuration(proxyBeanMethods = false)
class AuditFunctions {

	/**
	 * Every saga topic: store each event once and judge its saga again; then the record
	 * counts as read.
	 */
	@Bean
	Consumer<Message<byte[]>> auditEvents(RecordReader records, SagaAuditing auditing, ReadProgress progress) {
		return message -> {
			records.event(message).ifPresent(auditing::record);
			records.recorded(message, progress);
		};
	}

	/** Every dead-letter topic: store each record once, on its order's timeline. */
	@Bean
	Consumer<Message<byte[]>> auditDeadLetters(RecordReader records, SagaAuditing auditing) {
		return message -> auditing.record(records.deadLetter(message));
	}

}
