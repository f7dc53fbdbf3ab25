package dev.ordersaga.email.web;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.ordersaga.email.sending.Email;
import dev.ordersaga.email.sending.EmailKind;
import dev.ordersaga.email.sending.EmailStatus;
import dev.ordersaga.email.sending.FailureReason;

/**
 * One mail log entry as the API shows it; bodies are not exposed.
 *
 * @param to the recipient, once the customer's contact was known
 * @param attempts SMTP attempts so far
 * @param lastError the latest SMTP failure, if any
 * @param failureReason present only when the e-mail failed
 * @param nextAttemptAt present only while queued: when the next attempt is due
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmailResponse(String orderId, EmailKind kind, EmailStatus status, String to, String messageId,
		String subject, String locale, int attempts, String lastError,
		@Schema(description = "why the e-mail was given up") FailureReason failureReason, String failureDetail,
		Instant requestedAt, Instant nextAttemptAt, Instant sentAt, Instant failedAt) {

	static EmailResponse of(Email email) {
		boolean composed = email.mail() != null;
		return new EmailResponse(email.orderId().toString(), email.kind(), email.status(),
				composed ? email.mail().to() : null, email.messageId(), composed ? email.mail().subject() : null,
				composed ? email.mail().locale() : null, email.attempts(), email.lastError(), email.failureReason(),
				email.failureDetail(), email.requestedAt(),
				email.status() == EmailStatus.QUEUED ? email.nextAttemptAt() : null, email.sentAt(), email.failedAt());
	}
}
