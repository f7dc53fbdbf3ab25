package dev.ordersaga.payment;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs the due re-checks of payments decided without a charge (see
 * {@link PaymentManagement#recheck}) every {@code saga.payment.recheck.poll-interval}.
 * Reads only the waiting re-checks, by their due time. A re-check that fails (provider
 * down, refund failing) is left claimed and comes back when its lease ends: it is never
 * dropped.
 */
@Component
class LateChargeRechecks implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(LateChargeRechecks.class);

	private final Rechecks rechecks;

	private final PaymentManagement management;

	private final Clock clock;

	private final PaymentProperties.Recheck properties;

	LateChargeRechecks(Rechecks rechecks, PaymentManagement management, Clock clock, PaymentProperties properties) {
		this.rechecks = rechecks;
		this.management = management;
		this.clock = clock;
		this.properties = properties.recheck();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::runDue, properties.pollInterval());
	}

	void runDue() {
		List<Rechecks.Recheck> due;
		do {
			due = rechecks.claimDue(clock.instant(), properties.lease(), properties.batchSize());
			for (Rechecks.Recheck recheck : due) {
				try {
					management.recheck(recheck.orderId(), recheck.attempt());
				}
				catch (RuntimeException ex) {
					log.warn("Re-check {} of the payment of order {} failed, again in {}: {}", recheck.attempt() + 1,
							recheck.orderId(), properties.lease(), ex.toString());
				}
			}
		}
		while (due.size() == properties.batchSize());
	}

}
