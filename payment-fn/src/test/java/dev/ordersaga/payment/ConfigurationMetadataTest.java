package dev.ordersaga.payment;

import org.junit.jupiter.api.Test;

import dev.ordersaga.support.testing.ConfigurationMetadata;

import static org.assertj.core.api.Assertions.assertThat;

/** The IDE completes and documents every key of this service (configuration metadata). */
class ConfigurationMetadataTest {

	@Test
	void everySettingIsListedWithItsDescription() {
		ConfigurationMetadata.assertDocumented(PaymentProperties.class);
		assertThat(ConfigurationMetadata.of(PaymentProperties.class)).containsKeys("saga.payment.provider.base-url",
				"saga.payment.recheck.poll-interval");
	}

}
