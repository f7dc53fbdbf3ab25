package dev.ordersaga.payment;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.ordersaga.payment", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule domainIsFreeOfMessaging = noClasses().that()
		.resideInAPackage("dev.ordersaga.payment")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.cloud.stream..", "org.springframework.messaging..",
				"org.springframework.kafka..", "org.apache.kafka..", "dev.ordersaga.support.events..",
				"dev.ordersaga.support.outbox..")
		.because("the domain decides; adapters in sub-packages move messages (STYLE.md)");

	@ArchTest
	static final ArchRule domainKnowsNeitherHttpNorResilienceLibraries = noClasses().that()
		.resideInAPackage("dev.ordersaga.payment")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.web..", "io.github.resilience4j..", "java.net.http..")
		.because("the provider port hides how the provider is reached and protected");

	@ArchTest
	static final ArchRule domainDoesNotKnowItsAdapters = noClasses().that()
		.resideInAPackage("dev.ordersaga.payment")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.ordersaga.payment.web..", "dev.ordersaga.payment.messaging..",
				"dev.ordersaga.payment.persistence..", "dev.ordersaga.payment.provider..");

	@ArchTest
	static final ArchRule resilienceOnlyAroundTheProviderCall = noClasses().that()
		.resideOutsideOfPackages("dev.ordersaga.payment.provider..", "dev.ordersaga.payment.messaging..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.github.resilience4j..")
		.because("Resilience4j wraps outbound calls only, so that retries do not multiply (STYLE.md)");

}
