package dev.ordersaga.audit.messaging;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import dev.ordersaga.audit.AuditProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBinderConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	@Bean
	ListenerContainerWithDlqAndRetryCustomizer retryUntilStored(MeterRegistry meters) {
		return new RetryUntilStored(meters);
	}

	/**
	 * The binder's own properties live in its child context; bind the same keys here so
	 * that the admin client talks to the same brokers with the same settings.
	 */
	@Bean
	ConsumerLag consumerLag(KafkaProperties kafka, ObjectProvider<KafkaConnectionDetails> connection,
			Environment environment, AuditProperties properties, ReadProgress progress, Clock clock) {
		KafkaBinderConfigurationProperties binder = new KafkaBinderConfigurationProperties(kafka, connection);
		Binder.get(environment).bind("spring.cloud.stream.kafka.binder", Bindable.ofInstance(binder));
		return new ConsumerLag(binder, properties, progress,
				environment.getProperty("spring.cloud.stream.bindings.auditEvents-in-0.group",
						environment.getProperty("spring.cloud.stream.default.group", "audit-fn")),
				clock);
	}

	/** Reads dead letters' records and republishes them (operators' replays). */
	@Bean
	KafkaRecordReplay recordReplay(KafkaProperties kafka, ObjectProvider<KafkaConnectionDetails> connection,
			Environment environment, Clock clock) {
		KafkaBinderConfigurationProperties binder = new KafkaBinderConfigurationProperties(kafka, connection);
		Binder.get(environment).bind("spring.cloud.stream.kafka.binder", Bindable.ofInstance(binder));
		return new KafkaRecordReplay(binder, clock);
	}

	/** How far the saga topics have been read: the rules wait for it. */
	@Bean
	ReadProgress readProgress(AuditProperties properties, Clock clock) {
		return new ReadProgress(properties.sagaTopics(), properties.clockSkew(), clock);
	}

}
