package dev.ordersaga.devstack;

import java.util.Locale;
import java.util.Optional;

/**
 * Local-run settings: a system property {@code devstack.<key>} wins over the environment
 * variable {@code DEVSTACK_<KEY>} (upper case, dots and dashes as underscores), which
 * wins over the default.
 */
final class Settings {

	private Settings() {
	}

	static String portProperty(String component) {
		return "devstack.port." + component;
	}

	static String portEnvVariable(String component) {
		return envName(portProperty(component));
	}

	static int port(String component, int defaultPort) {
		return value(portProperty(component)).map(value -> parsePort(component, value)).orElse(defaultPort);
	}

	static Optional<String> value(String property) {
		String value = System.getProperty(property);
		if (value == null || value.isBlank()) {
			value = System.getenv(envName(property));
		}
		return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
	}

	private static String envName(String property) {
		return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
	}

	private static int parsePort(String component, String value) {
		try {
			int port = Integer.parseInt(value);
			if (port < 0 || port > 65535) {
				throw new NumberFormatException(value);
			}
			return port;
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("Invalid port '" + value + "' for " + component, e);
		}
	}

}
