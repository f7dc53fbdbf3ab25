package dev.ordersaga.contracts;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import groovy.json.JsonOutput;
import groovy.json.JsonSlurper;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.contract.verifier.converter.YamlContract;
import org.springframework.cloud.contract.verifier.messaging.MessageVerifierReceiver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Test-only: changes the JSON body of the messages a producer's generated contract tests
 * receive, exactly as a change of the producer's event record would change them on the
 * wire (a renamed, dropped or added field). {@link BreakingChanges} runs the generated
 * tests under such a change to prove that they catch it. Without a change in force,
 * messages pass untouched.
 */
public final class WireMutations {

	private static final AtomicReference<UnaryOperator<Map<String, Object>>> CURRENT = new AtomicReference<>();

	private WireMutations() {
	}

	/**
	 * Runs {@code action} while every received message body goes through {@code change}.
	 */
	static void during(UnaryOperator<Map<String, Object>> change, Runnable action) {
		if (!CURRENT.compareAndSet(null, change)) {
			throw new IllegalStateException("Another wire mutation is in force");
		}
		try {
			action.run();
		}
		finally {
			CURRENT.set(null);
		}
	}

	/**
	 * Import into the contract tests' Spring context: wraps the message receiver the
	 * generated tests read from.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class Hook {

		@Bean
		static BeanPostProcessor wireMutationHook() {
			return new BeanPostProcessor() {
				@Override
				@SuppressWarnings("unchecked")
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof MessageVerifierReceiver<?> receiver) {
						return new MutatingReceiver((MessageVerifierReceiver<Object>) receiver);
					}
					return bean;
				}
			};
		}

	}

	private record MutatingReceiver(
			MessageVerifierReceiver<Object> delegate) implements MessageVerifierReceiver<Object> {

		@Override
		public Object receive(String destination, long timeout, TimeUnit timeUnit, YamlContract contract) {
			return mutate(delegate.receive(destination, timeout, timeUnit, contract));
		}

		@Override
		public Object receive(String destination, YamlContract contract) {
			return mutate(delegate.receive(destination, contract));
		}

		@SuppressWarnings("unchecked")
		private static Object mutate(Object received) {
			UnaryOperator<Map<String, Object>> change = CURRENT.get();
			if (change == null || !(received instanceof Message<?> message)) {
				return received;
			}
			String json = switch (message.getPayload()) {
				case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
				case String text -> text;
				default -> throw new IllegalStateException("Unexpected payload " + message.getPayload().getClass());
			};
			Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) new JsonSlurper().parseText(json));
			byte[] changed = JsonOutput.toJson(change.apply(body)).getBytes(StandardCharsets.UTF_8);
			return MessageBuilder.withPayload(changed).copyHeaders(message.getHeaders()).build();
		}

	}

}
