package dev.ordersaga.devstack.chaos;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What the checker accepts as a monotonic status history. */
class StatusHistoryTest {

	@Test
	void aStatusHistoryIsMonotonicOnlyWhenItNeverStepsBackNorRepeats() {
		assertThat(InvariantChecker.monotonic(history("PENDING", "APPROVED", "COMPLETED"))).isTrue();
		assertThat(InvariantChecker.monotonic(history("PENDING", "CANCELLED"))).isTrue();
		assertThat(InvariantChecker.monotonic(history("PENDING", "APPROVED", "CANCELLED", "COMPLETED"))).isFalse();
		assertThat(InvariantChecker.monotonic(history("PENDING", "APPROVED", "PENDING"))).isFalse();
		assertThat(InvariantChecker.monotonic(history("PENDING", "APPROVED", "APPROVED"))).isFalse();
		assertThat(InvariantChecker.monotonic(history())).isFalse();
	}

	private static JsonNode history(String... statuses) {
		var array = Http.JSON.createArrayNode();
		for (String status : statuses) {
			array.addObject().put("status", status);
		}
		return array;
	}

}
