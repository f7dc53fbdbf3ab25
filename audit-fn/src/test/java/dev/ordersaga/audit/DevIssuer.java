package dev.ordersaga.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.ordersaga.authserver.AuthServerApplication;
import dev.ordersaga.support.SagaDefaults;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * devstack's real issuer (auth-server), started in-process on a port fixed at class load,
 * for the tests that sign in to the dashboard through it. The audit-fn context only needs
 * its address ({@code saga.audit.login-issuer}); the issuer itself starts on the first
 * {@link #start()}.
 */
final class DevIssuer {

	static final int PORT = freePort();

	private static ConfigurableApplicationContext issuer;

	private DevIssuer() {
	}

	static String uri() {
		return "http://127.0.0.1:" + PORT;
	}

	/**
	 * Auto-configuration of this test class path that the issuer never has on its own.
	 */
	private static final List<String> NOT_THE_ISSUER = List.of("org.springframework.cloud.",
			"org.springframework.boot.kafka.", "org.springframework.boot.mongodb.", "org.springframework.boot.data.",
			"org.springframework.boot.integration.", "io.github.resilience4j.", "org.springdoc.",
			"org.springframework.boot.security.oauth2.client.", "dev.ordersaga.support.");

	/**
	 * Starts the issuer once, with the dashboard's redirect URI on {@code auditPort}.
	 */
	static synchronized void start(int auditPort) {
		if (issuer == null) {
			String excluded = ImportCandidates.load(AutoConfiguration.class, DevIssuer.class.getClassLoader())
				.getCandidates()
				.stream()
				.filter(name -> NOT_THE_ISSUER.stream().anyMatch(name::startsWith))
				.collect(Collectors.joining(","));
			issuer = AuthServerApplication.builder()
				.properties("spring.autoconfigure.exclude=" + excluded, "spring.main.banner-mode=off",
						"spring.jmx.enabled=false")
				.run("--server.port=" + PORT, "--spring.security.oauth2.authorizationserver.issuer=" + uri(),
						"--spring.security.oauth2.authorizationserver.client.audit-dashboard.registration.redirect-uris="
								+ "http://127.0.0.1:" + auditPort + "/login/oauth2/code/dashboard",
						"--" + SagaDefaults.ENABLED + "=false");
			Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "dev-issuer-stop"));
		}
	}

	/**
	 * Opens the dashboard in {@code browser} and signs the operator in at the issuer
	 * (authorization-code flow, devstack's operator user); returns once the browser is
	 * back on the dashboard. The dashboard is addressed as 127.0.0.1, the host of the
	 * registered redirect URI, so that its session cookie is sent.
	 */
	static void openDashboardSignedIn(WebDriver browser, int auditPort) {
		start(auditPort);
		browser.get("http://127.0.0.1:" + auditPort + "/");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		wait.until(page -> page.getCurrentUrl().startsWith(uri() + "/login"));
		browser.findElement(By.id("username")).sendKeys("operator");
		browser.findElement(By.id("password")).sendKeys("operator-password", Keys.ENTER);
		wait.until(page -> page.getCurrentUrl().startsWith("http://127.0.0.1:" + auditPort + "/"));
	}

	/**
	 * The issuer's auto-configuration, which this test class path has because of the
	 * issuer: kept out of audit-fn's own test contexts (it would bring a JWT decoder of
	 * its own).
	 */
	static String authorizationServerAutoConfigurations() {
		return ImportCandidates.load(AutoConfiguration.class, DevIssuer.class.getClassLoader())
			.getCandidates()
			.stream()
			.filter(name -> name.contains(".oauth2.server.authorization."))
			.collect(Collectors.joining(","));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
