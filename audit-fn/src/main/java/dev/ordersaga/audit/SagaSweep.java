package dev.ordersaga.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Evaluates sagas as deadlines pass: a saga whose deadline or grace period ended is
 * judged again even when no event arrives for it (that absence is what some rules are
 * about).
 */
@Component
class SagaSweep implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(SagaSweep.class);

	private final SagaAuditing auditing;

	private final AuditProperties properties;

	SagaSweep(SagaAuditing auditing, AuditProperties properties) {
		this.auditing = auditing;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::sweep, properties.sweepInterval());
	}

	void sweep() {
		try {
			int checked = auditing.recheckDue();
			if (checked > 0) {
				log.debug("Judged {} saga(s) again whose deadline or grace period ended", checked);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Saga sweep failed, next try in {}: {}", properties.sweepInterval(), ex.toString());
		}
	}

}
