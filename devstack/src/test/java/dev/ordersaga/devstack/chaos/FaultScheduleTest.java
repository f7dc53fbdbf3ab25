package dev.ordersaga.devstack.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.ordersaga.devstack.SagaService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The fault schedule: seeded, complete, within the load. */
class FaultScheduleTest {

	static final Duration WINDOW = Duration.ofMinutes(2);

	@Test
	void theSameSeedGivesTheSameScheduleAndAnotherSeedAnother() {
		assertThat(Faults.schedule(Faults.CLASSES, WINDOW, new Random(7)))
			.isEqualTo(Faults.schedule(Faults.CLASSES, WINDOW, new Random(7)))
			.isNotEqualTo(Faults.schedule(Faults.CLASSES, WINDOW, new Random(8)));
	}

	@Test
	void everyClassIsInjectedAndEveryServiceKilledThreeTimesWithinTheLoad() {
		List<Faults.Scheduled> schedule = Faults.schedule(Faults.CLASSES, WINDOW, new Random(42));

		assertThat(schedule).extracting(entry -> entry.fault().name()).containsAll(Faults.CLASSES);
		Map<SagaService, Long> kills = schedule.stream()
			.map(Faults.Scheduled::fault)
			.filter(Faults.Kill.class::isInstance)
			.collect(Collectors.groupingBy(fault -> ((Faults.Kill) fault).service(), Collectors.counting()));
		assertThat(kills).containsOnlyKeys(Faults.SERVICES)
			.allSatisfy((service, count) -> assertThat(count).isEqualTo(3));
		assertThat(schedule).allSatisfy(entry -> assertThat(entry.at()).isBetween(Duration.ZERO, WINDOW));
		assertThat(schedule).filteredOn(entry -> entry.fault() instanceof Faults.MongoOutage)
			.allSatisfy(entry -> assertThat(entry.fault().duration()).isBetween(Duration.ofSeconds(30),
					Duration.ofSeconds(60)));
		assertThat(schedule).extracting(Faults.Scheduled::at).isSorted();
	}

	@Test
	void onlyTheChosenClassesAreScheduledAndAnUnknownOneIsRefused() {
		assertThat(Faults.schedule(Set.of("smtp", "poison"), WINDOW, new Random(1)))
			.extracting(entry -> entry.fault().name())
			.containsOnly("smtp", "poison");
		assertThatIllegalArgumentException().isThrownBy(() -> Faults.schedule(Set.of("meteor"), WINDOW, new Random(1)))
			.withMessageContaining("meteor");
	}

}
