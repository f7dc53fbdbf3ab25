package dev.ordersaga.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import dev.ordersaga.authserver.AuthServerApplication;

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

	static synchronized void start() {
		if (issuer == null) {
			issuer = AuthServerApplication.builder()
				.run("--server.port=" + PORT, "--spring.security.oauth2.authorizationserver.issuer=" + uri());
			Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "dev-issuer-stop"));
		}
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
