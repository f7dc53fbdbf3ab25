package dev.ordersaga.email.mail;

import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.observation.ObservationRegistry;

import dev.ordersaga.email.sending.EmailProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The mail ports of the domain, backed by Thymeleaf and Spring Mail. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

	/**
	 * Names the Resilience4j instance configured under
	 * {@code resilience4j.retry.instances.smtp}.
	 */
	static final String SMTP_RETRY = "smtp";

	@Bean
	ThymeleafMailComposer mailComposer(EmailProperties properties) {
		return new ThymeleafMailComposer(properties.timeZone());
	}

	@Bean
	SmtpConnections smtpConnections(JavaMailSenderImpl sender, EmailProperties properties) {
		return new SmtpConnections(sender, properties.dispatch().connectionMaxIdle());
	}

	@Bean
	SmtpMailer mailer(SmtpConnections connections, RetryRegistry retries, EmailProperties properties,
			ObjectProvider<ObservationRegistry> observations) {
		return new SmtpMailer(connections, retries.retry(SMTP_RETRY), properties.from(),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

}
