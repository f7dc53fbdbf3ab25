package dev.ordersaga.order;

import org.junit.jupiter.api.Test;

import dev.ordersaga.support.testing.ConfigurationMetadata;

import static org.assertj.core.api.Assertions.assertThat;

/** The IDE completes and documents every key of this service (configuration metadata). */
class ConfigurationMetadataTest {

	@Test
	void everySettingIsListedWithItsDescription() {
		ConfigurationMetadata.assertDocumented(OrderProperties.class);
		assertThat(ConfigurationMetadata.of(OrderProperties.class)).containsKeys("saga.order.deadline",
				"saga.order.deadline-grace");
	}

}
