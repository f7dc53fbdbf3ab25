package dev.ordersaga.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code saga-defaults.yml} (binder, retry, dead-letter, actuator and tracing
 * defaults of every saga service) as the property source of <em>lowest</em> precedence: a
 * service's {@code application.yml}, its environment variables and command-line arguments
 * all override it. ({@code spring.config.import} would do the opposite: imported files
 * win over the file that imports them.)
 * <p>
 * It reaches every Spring Boot application on a class path with fn-support; one that is
 * no saga service (a test's in-process stand-in for a third party, say) opts out with
 * {@code saga.defaults.enabled=false}.
 */
public class SagaDefaults implements EnvironmentPostProcessor, Ordered {

	static final String NAME = "sagaDefaults";

	/** {@code false} keeps the defaults out of an application. */
	public static final String ENABLED = "saga.defaults.enabled";

	private static final ClassPathResource DEFAULTS = new ClassPathResource("saga-defaults.yml");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty(ENABLED, Boolean.class, true)
				|| environment.getPropertySources().stream().anyMatch(source -> source.getName().startsWith(NAME))) {
			return;
		}
		try {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load(NAME, DEFAULTS)) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + DEFAULTS, ex);
		}
	}

	/**
	 * After the config data (application.yml) is loaded, so that addLast really means
	 * last.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
