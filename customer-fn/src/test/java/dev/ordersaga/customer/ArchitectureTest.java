package dev.ordersaga.customer;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The domain knows nothing of Kafka, Spring Cloud Stream, the event envelope, the outbox
 * or its own adapters.
 */
@AnalyzeClasses(packages = "dev.ordersaga.customer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule domainIsFreeOfMessaging = noClasses().that()
		.resideInAPackage("dev.ordersaga.customer")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.cloud.stream..", "org.springframework.messaging..",
				"org.springframework.kafka..", "org.apache.kafka..", "dev.ordersaga.support.events..",
				"dev.ordersaga.support.outbox..");

	@ArchTest
	static final ArchRule domainDoesNotDependOnItsAdapters = noClasses().that()
		.resideInAPackage("dev.ordersaga.customer")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.ordersaga.customer.messaging..", "dev.ordersaga.customer.persistence..",
				"dev.ordersaga.customer.web..");

}
