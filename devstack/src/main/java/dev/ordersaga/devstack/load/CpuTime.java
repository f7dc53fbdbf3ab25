package dev.ordersaga.devstack.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU time the stack's JVMs spent, read from the operating system per process. Unlike
 * a throughput figure it does not depend on what else the machine is doing, so it tells
 * what a saga costs even on a busy machine.
 */
final class CpuTime {

	private final Map<String, Duration> byProcess;

	private CpuTime(Map<String, Duration> byProcess) {
		this.byProcess = byProcess;
	}

	static CpuTime of(Map<String, Long> processIds) {
		Map<String, Duration> cpu = new LinkedHashMap<>();
		processIds.forEach((name, pid) -> ProcessHandle.of(pid)
			.flatMap(process -> process.info().totalCpuDuration())
			.ifPresent(total -> cpu.put(name, total)));
		return new CpuTime(cpu);
	}

	/**
	 * Milliseconds of CPU per saga since {@code before}, per process and as
	 * {@code total}; empty when nothing completed or no process could be read.
	 */
	Map<String, Double> perSagaSince(CpuTime before, int sagas) {
		Map<String, Double> perSaga = new LinkedHashMap<>();
		if (sagas <= 0) {
			return perSaga;
		}
		double total = 0;
		for (Map.Entry<String, Duration> entry : byProcess.entrySet()) {
			Duration start = before.byProcess.get(entry.getKey());
			if (start == null) {
				continue;
			}
			double millis = (entry.getValue().toNanos() - start.toNanos()) / 1e6;
			total += millis;
			perSaga.put(entry.getKey(), round(millis / sagas));
		}
		if (!perSaga.isEmpty()) {
			perSaga.put("total", round(total / sagas));
		}
		return perSaga;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
