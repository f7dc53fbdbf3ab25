package dev.ordersaga.audit;

import org.junit.jupiter.api.Test;

import dev.ordersaga.audit.overview.DashboardProperties;
import dev.ordersaga.support.testing.ConfigurationMetadata;

import static org.assertj.core.api.Assertions.assertThat;

/** The IDE completes and documents every key of this service (configuration metadata). */
class ConfigurationMetadataTest {

	@Test
	void everySettingIsListedWithItsDescription() {
		ConfigurationMetadata.assertDocumented(AuditProperties.class, DashboardProperties.class);
		assertThat(ConfigurationMetadata.of(DashboardProperties.class)).containsKeys("saga.audit.dashboard.trace-url",
				"saga.audit.dashboard.fine-history", "saga.audit.dashboard.coarse-history");
	}

}
