package dev.ordersaga.email;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "dev.ordersaga.email", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	private static final String[] DOMAIN = { "dev.ordersaga.email", "dev.ordersaga.email.contact",
			"dev.ordersaga.email.sending" };

	@ArchTest
	static final ArchRule domainIsFreeOfMessagingAndMailTransport = noClasses().that()
		.resideInAnyPackage(DOMAIN)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.cloud.stream..", "org.springframework.messaging..",
				"org.springframework.kafka..", "org.apache.kafka..", "dev.ordersaga.support.events..",
				"dev.ordersaga.support.outbox..", "org.springframework.mail..", "jakarta.mail..", "org.eclipse.angus..",
				"org.thymeleaf..", "io.github.resilience4j..")
		.because("the domain decides; adapters in sub-packages move messages and mail (STYLE.md)");

	@ArchTest
	static final ArchRule domainDoesNotKnowItsAdapters = noClasses().that()
		.resideInAnyPackage(DOMAIN)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.ordersaga.email.web..", "dev.ordersaga.email.messaging..",
				"dev.ordersaga.email.persistence..", "dev.ordersaga.email.mail..");

	@ArchTest
	static final ArchRule contactReplicaDoesNotDependOnSending = noClasses().that()
		.resideInAPackage("dev.ordersaga.email.contact")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.ordersaga.email.sending")
		.because("the replica knows nothing of e-mails; sending asks it for contacts");

	@ArchTest
	static final ArchRule noCycles = slices().matching("dev.ordersaga.email.(*)..").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule resilienceOnlyAroundTheSmtpCall = noClasses().that()
		.resideOutsideOfPackage("dev.ordersaga.email.mail")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.github.resilience4j..")
		.because("retries wrap outbound calls only, so they never multiply (STYLE.md)");

}
