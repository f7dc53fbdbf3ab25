package dev.ordersaga.support;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.support.events.EventCodec;
import dev.ordersaga.support.events.EventHandlers;
import dev.ordersaga.support.messaging.DeadLetters;
import dev.ordersaga.support.messaging.RetryProperties;
import dev.ordersaga.support.messaging.RetryUntilHandled;
import dev.ordersaga.support.messaging.SendsBeforeCommit;
import dev.ordersaga.support.mongo.StoreIndexes;
import dev.ordersaga.support.outbox.Outbox;
import dev.ordersaga.support.outbox.OutboxProperties;
import dev.ordersaga.support.outbox.OutboxRelay;
import dev.ordersaga.support.outbox.OutboxTracing;
import dev.ordersaga.support.web.ProblemDetailsAdvice;
import dev.ordersaga.support.web.RequestBodyLimitFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBinderConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Wires the shared plumbing into every service that has fn-support on its classpath.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
		"org.springframework.cloud.stream.function.FunctionConfiguration",
		"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration" })
@EnableConfigurationProperties({ SagaSupportProperties.class, OutboxProperties.class, RetryProperties.class })
public class SagaSupportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventCodec eventCodec(JsonMapper json, Validator validator, @Value("${spring.application.name}") String name) {
		return new EventCodec(json, validator, "/" + name);
	}

	/**
	 * Millisecond ticks: MongoDB stores milliseconds, so a re-read instant equals the one
	 * written.
	 */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
	}

	@Bean
	@ConditionalOnMissingBean
	EventHandlers eventHandlers(EventCodec codec) {
		return new EventHandlers(codec);
	}

	/**
	 * Poison to the dead-letter topic, every other failure handled again until it
	 * succeeds; a service with needs of its own (audit-fn) declares its own customizer.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ListenerContainerWithDlqAndRetryCustomizer.class)
	static class ConsumerErrorConfiguration {

		/**
		 * The binder's own properties live in its child context; bind the same keys here
		 * so that the dead-letter producer talks to the same brokers with the same
		 * settings.
		 */
		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(KafkaProperties.class)
		DeadLetters deadLetters(KafkaProperties kafka, ObjectProvider<KafkaConnectionDetails> connection,
				Environment environment) {
			KafkaBinderConfigurationProperties binder = new KafkaBinderConfigurationProperties(kafka, connection);
			Binder.get(environment).bind("spring.cloud.stream.kafka.binder", Bindable.ofInstance(binder));
			return new DeadLetters(binder);
		}

		/**
		 * Function results are sent without waiting one at a time; an input offset is
		 * still committed only after its results were acknowledged. The wait is above the
		 * producers' {@code delivery.timeout.ms} (10 s in saga-defaults.yml).
		 */
		@Bean
		@ConditionalOnMissingBean
		SendsBeforeCommit sendsBeforeCommit(RetryProperties backOff, MeterRegistry meters) {
			return new SendsBeforeCommit(Duration.ofSeconds(30), backOff, meters);
		}

		@Bean
		@ConditionalOnBean(DeadLetters.class)
		@ConditionalOnMissingBean(ListenerContainerWithDlqAndRetryCustomizer.class)
		RetryUntilHandled retryUntilHandled(DeadLetters deadLetters, RetryProperties properties, MeterRegistry meters) {
			return new RetryUntilHandled(deadLetters, properties, meters);
		}

	}

	/**
	 * The store's indexes, created in the background so that a service starts (not ready)
	 * while MongoDB is unreachable; health indicator {@code storeIndexes}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(MongoTemplate.class)
	static class StoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		StoreIndexes storeIndexes(MongoTemplate mongo) {
			return new StoreIndexes(mongo);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ MongoTemplate.class, StreamBridge.class })
	static class OutboxConfiguration {

		@Bean
		OutboxTracing outboxTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
			return new OutboxTracing(tracer.getIfAvailable(() -> Tracer.NOOP),
					propagator.getIfAvailable(() -> Propagator.NOOP));
		}

		@Bean
		OutboxRelay outboxRelay(MongoTemplate mongo, StreamBridge bridge, EventCodec codec, OutboxProperties properties,
				OutboxTracing tracing, MeterRegistry meters, StoreIndexes indexes) {
			properties.collections().forEach(collection -> indexes.ensure(collection, OutboxRelay.sweepIndex()));
			return new OutboxRelay(mongo, bridge, codec, properties, tracing, meters);
		}

		@Bean
		Outbox outbox(EventCodec codec, OutboxRelay relay, OutboxTracing tracing) {
			return new Outbox(codec, relay, tracing);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class WebConfiguration {

		@Bean
		ProblemDetailsAdvice problemDetailsAdvice() {
			return new ProblemDetailsAdvice();
		}

		@Bean
		FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(SagaSupportProperties properties,
				JsonMapper json) {
			FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
					new RequestBodyLimitFilter(properties.maxRequestBody().toBytes(), json));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
			return registration;
		}

	}

}
