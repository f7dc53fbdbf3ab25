package dev.ordersaga.customer;

import org.junit.jupiter.api.Test;

import dev.ordersaga.support.testing.ConfigurationMetadata;

import static org.assertj.core.api.Assertions.assertThat;

/** The IDE completes and documents every key of this service (configuration metadata). */
class ConfigurationMetadataTest {

	@Test
	void everySettingIsListedWithItsDescription() {
		ConfigurationMetadata.assertDocumented(CustomerProperties.class);
		assertThat(ConfigurationMetadata.of(CustomerProperties.class)).containsKeys("saga.customer.write-attempts");
	}

}
