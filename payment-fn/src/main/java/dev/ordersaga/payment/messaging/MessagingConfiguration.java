package dev.ordersaga.payment.messaging;

import dev.ordersaga.payment.PaymentProperties;
import dev.ordersaga.support.messaging.DeadLetters;

import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	@Bean
	ListenerContainerWithDlqAndRetryCustomizer containerErrorHandling(DeadLetters deadLetters,
			PaymentProperties properties) {
		return new ContainerErrorHandling(deadLetters, properties.outageRetryInterval(), properties.maxRetryInterval());
	}

}
