package dev.ordersaga.sandbox;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sandbox provider.
 *
 * @param apiKeys secret keys accepted in {@code Authorization: Bearer <key>} on the
 * {@code /v1} API
 * @param latency delay added to every {@code /v1} request before it is handled;
 * changeable at run time through {@code PUT /sandbox/latency}
 * @param outageHold how long a request is held without an answer in the {@code timeout}
 * outage mode before it is refused with 503
 * @param requestLogSize how many {@code /v1} requests {@code GET /sandbox/requests}
 * remembers (oldest dropped first)
 */
@ConfigurationProperties("sandbox")
public record SandboxProperties(@DefaultValue("sk_test_sandbox") List<String> apiKeys,
		@DefaultValue("0ms") Duration latency, @DefaultValue("30s") Duration outageHold,
		@DefaultValue("10000") int requestLogSize) {

	public SandboxProperties {
		apiKeys = List.copyOf(apiKeys);
	}

	/** Keys are secrets: never print them. */
	@Override
	public String toString() {
		return "SandboxProperties[apiKeys=" + apiKeys.size() + " key(s), latency=" + latency + ", outageHold="
				+ outageHold + ", requestLogSize=" + requestLogSize + "]";
	}
}
