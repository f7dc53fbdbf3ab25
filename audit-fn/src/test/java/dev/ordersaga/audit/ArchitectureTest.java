package dev.ordersaga.audit;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The audit's domain knows nothing of Kafka, Spring Cloud Stream, the event envelope,
 * MongoDB, the web or metrics, nor of its own adapters.
 */
@AnalyzeClasses(packages = "dev.ordersaga.audit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule domainIsFreeOfMessagingAndStorage = noClasses().that()
		.resideInAPackage("dev.ordersaga.audit")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.cloud.stream..", "org.springframework.messaging..",
				"org.springframework.kafka..", "org.apache.kafka..", "dev.ordersaga.support.events..",
				"dev.ordersaga.support.outbox..", "org.springframework.data.mongodb..", "org.bson..", "com.mongodb..",
				"io.micrometer..", "org.springframework.web..")
		.because("the domain judges sagas; adapters in sub-packages read, store and show them (STYLE.md)");

	@ArchTest
	static final ArchRule domainDoesNotDependOnItsAdapters = noClasses().that()
		.resideInAPackage("dev.ordersaga.audit")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.ordersaga.audit.messaging..", "dev.ordersaga.audit.persistence..",
				"dev.ordersaga.audit.web..", "dev.ordersaga.audit.overview..");

	@ArchTest
	static final ArchRule rulesAreEvaluatedWithoutSpring = noClasses().that()
		.haveSimpleNameStartingWith("SagaAudit")
		.and()
		.doNotHaveSimpleName("SagaAuditing")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..")
		.because("the rules are a pure function of a saga's events and the time");

}
