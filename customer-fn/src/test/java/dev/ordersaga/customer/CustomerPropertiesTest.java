package dev.ordersaga.customer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerPropertiesTest {

	@Test
	void pausesBetweenWriteAttemptsGrowJitteredUpToTheBackoffThenStop() {
		CustomerProperties properties = new CustomerProperties(16, Duration.ofMillis(50), 20);
		List<Long> pauses = new ArrayList<>();
		BackOffExecution execution = properties.writePauses().start();
		for (long pause = execution.nextBackOff(); pause != BackOffExecution.STOP; pause = execution.nextBackOff()) {
			pauses.add(pause);
		}

		assertThat(pauses).as("one pause between each two of the 16 attempts").hasSize(15);
		assertThat(pauses).allSatisfy(pause -> assertThat(pause).isBetween(2L, 50L));
		assertThat(pauses.getLast()).as("grown").isGreaterThan(pauses.getFirst());
		assertThat(pauses.stream().mapToLong(Long::longValue).sum()).as("a bounded wait in-process").isLessThan(1_000);
	}

	@Test
	void jittersThePausesSoThatCompetingWritersDriftApart() {
		CustomerProperties properties = new CustomerProperties(6, Duration.ofMillis(100), 20);
		Set<List<Long>> schedules = new HashSet<>();
		for (int run = 0; run < 20; run++) {
			BackOffExecution execution = properties.writePauses().start();
			schedules.add(List.of(execution.nextBackOff(), execution.nextBackOff(), execution.nextBackOff(),
					execution.nextBackOff(), execution.nextBackOff()));
		}

		assertThat(schedules).hasSizeGreaterThan(1);
	}

}
