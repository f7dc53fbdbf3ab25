package dev.ordersaga.support;

import org.junit.jupiter.api.Test;

import dev.ordersaga.support.messaging.RetryProperties;
import dev.ordersaga.support.outbox.OutboxProperties;
import dev.ordersaga.support.testing.ConfigurationMetadata;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationMetadataTest {

	@Test
	void everySharedSettingIsListedWithItsDescription() {
		ConfigurationMetadata.assertDocumented(SagaSupportProperties.class, OutboxProperties.class,
				RetryProperties.class);
		assertThat(ConfigurationMetadata.of(OutboxProperties.class)).containsKeys("saga.outbox.sweep-interval",
				"saga.outbox.retry-backoff");
	}

}
