package dev.ordersaga.authserver;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AuthServerApplication {

	/**
	 * The issuer's own configuration file, so that it never picks up a service's
	 * {@code application.yml} when a test starts it in-process.
	 */
	public static final String CONFIG_NAME = "auth-server";

	public static void main(String[] args) {
		builder().run(args);
	}

	/**
	 * The application as {@code main} runs it; tests start it in-process from here (e.g.
	 * with {@code --server.port=0}).
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(AuthServerApplication.class).main(AuthServerApplication.class)
			.properties("spring.config.name=" + CONFIG_NAME);
	}

}
