package dev.ordersaga.support;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class SagaDefaultsTest {

	@Test
	void servicesOverrideTheSharedDefaultsWhichFillInEverythingElse() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application.yml",
					Map.of("spring.cloud.stream.default.consumer.concurrency", "5")));

		new SagaDefaults().postProcessEnvironment(environment, new SpringApplication());
		new SagaDefaults().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.cloud.stream.default.consumer.concurrency")).isEqualTo("5");
		assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.required-acks")).isEqualTo("all");
		assertThat(environment.getPropertySources().stream().filter(s -> s.getName().startsWith("sagaDefaults")))
			.hasSize(1);
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.startsWith("sagaDefaults");
	}

	@Test
	void anApplicationThatIsNoSagaServiceOptsOut() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("commandLineArgs", Map.of(SagaDefaults.ENABLED, "false")));

		new SagaDefaults().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.required-acks")).isNull();
		assertThat(environment.getPropertySources().stream().filter(s -> s.getName().startsWith("sagaDefaults")))
			.isEmpty();
	}

}
