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
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Wires the shared plumbing into every service that has fn-support on its classpath.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
		"org.springframework.cloud.stream.function.FunctionConfiguration" })
@EnableConfigurationProperties({ SagaSupportProperties.class, OutboxProperties.class })
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
				OutboxTracing tracing, MeterRegistry meters) {
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
