package dev.ordersaga.payment.messaging;

import dev.ordersaga.payment.PaymentProperties;

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

	/**
	 * The binder's own properties live in its child context; bind the same keys here so
	 * that the dead-letter producer talks to the same brokers with the same settings.
	 */
	@Bean
	DeadLetters deadLetters(KafkaProperties kafka, ObjectProvider<KafkaConnectionDetails> connection,
			Environment environment) {
		KafkaBinderConfigurationProperties binder = new KafkaBinderConfigurationProperties(kafka, connection);
		Binder.get(environment).bind("spring.cloud.stream.kafka.binder", Bindable.ofInstance(binder));
		return new DeadLetters(binder);
	}

	@Bean
	ListenerContainerWithDlqAndRetryCustomizer containerErrorHandling(DeadLetters deadLetters,
			PaymentProperties properties) {
		return new ContainerErrorHandling(deadLetters, properties.outageRetryInterval(), properties.maxRetryInterval());
	}

}
