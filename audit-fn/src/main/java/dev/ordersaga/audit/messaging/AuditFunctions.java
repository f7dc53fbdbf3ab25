package dev.ordersaga.audit.messaging;

import java.util.function.Consumer;

import dev.ordersaga.audit.SagaAuditing;
import dev.ordersaga.support.events.CloudEventHeaders;
import dev.ordersaga.support.logging.SagaLogContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The functions the bindings in {@code application.yml} invoke. Glue only; the lines
 * logged while an event is audited carry its order id and {@code ce_type}.
 */
@Configuration(proxyBeanMethods = false)
class AuditFunctions {

	/**
	 * Every saga topic: store each event once and judge its saga again; then the record
	 * counts as read.
	 */
	@Bean
	Consumer<Message<byte[]>> auditEvents(RecordReader records, SagaAuditing auditing, ReadProgress progress) {
		return message -> {
			try (SagaLogContext context = SagaLogContext.event(CloudEventHeaders.read(message.getHeaders(), "type"),
					CloudEventHeaders.read(message.getHeaders(), "id"),
					CloudEventHeaders.read(message.getHeaders(), "subject"))) {
				records.event(message).ifPresent(auditing::record);
				records.recorded(message, progress);
			}
		};
	}

	/** Every dead-letter topic: store each record once, on its order's timeline. */
	@Bean
	Consumer<Message<byte[]>> auditDeadLetters(RecordReader records, SagaAuditing auditing) {
		return message -> auditing.record(records.deadLetter(message));
	}

}
