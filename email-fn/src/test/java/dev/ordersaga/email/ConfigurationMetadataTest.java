package dev.ordersaga.email;

import org.junit.jupiter.api.Test;

import dev.ordersaga.email.sending.EmailProperties;
import dev.ordersaga.support.testing.ConfigurationMetadata;

import static org.assertj.core.api.Assertions.assertThat;

/** The IDE completes and documents every key of this service (configuration metadata). */
class ConfigurationMetadataTest {

	@Test
	void everySettingIsListedWithItsDescription() {
		ConfigurationMetadata.assertDocumented(EmailProperties.class);
		assertThat(ConfigurationMetadata.of(EmailProperties.class)).containsKeys("saga.email.retry.budget",
				"saga.email.dispatch.senders");
	}

}
