package dev.ordersaga.sandbox;

import org.junit.jupiter.api.Test;

import dev.ordersaga.support.testing.ConfigurationMetadata;

import static org.assertj.core.api.Assertions.assertThat;

/** The IDE completes and documents every key of the sandbox (configuration metadata). */
class ConfigurationMetadataTest {

	@Test
	void everySettingIsListedWithItsDescription() {
		ConfigurationMetadata.assertDocumented(SandboxProperties.class);
		assertThat(ConfigurationMetadata.of(SandboxProperties.class)).containsKeys("sandbox.api-keys",
				"sandbox.latency");
	}

}
