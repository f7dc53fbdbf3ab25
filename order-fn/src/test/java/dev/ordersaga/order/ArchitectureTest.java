package dev.ordersaga.order;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.ordersaga.order", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule domainIsFreeOfMessaging = noClasses().that()
		.resideInAPackage("dev.ordersaga.order")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.cloud.stream..", "org.springframework.messaging..",
				"org.springframework.kafka..", "org.apache.kafka..", "dev.ordersaga.support.events..",
				"dev.ordersaga.support.outbox..")
		.because("the domain decides; adapters in sub-packages move messages (STYLE.md)");

	@ArchTest
	static final ArchRule domainDoesNotKnowItsAdapters = noClasses().that()
		.resideInAPackage("dev.ordersaga.order")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.ordersaga.order.web..", "dev.ordersaga.order.messaging..",
				"dev.ordersaga.order.persistence..");

}
