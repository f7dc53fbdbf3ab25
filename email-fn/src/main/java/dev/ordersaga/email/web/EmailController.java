package dev.ordersaga.email.web;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

import dev.ordersaga.email.OrderId;
import dev.ordersaga.support.security.Caller;
import dev.ordersaga.email.sending.Email;
import dev.ordersaga.email.sending.Emails;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/emails")
class EmailController {

	private final Emails emails;

	EmailController(Emails emails) {
		this.emails = emails;
	}

	@Operation(summary = "The e-mails of one order",
			description = "At most one per kind (PAYMENT_COMPLETED, ORDER_COMPLETED, ORDER_CANCELLED, PAYMENT_REFUNDED), "
					+ "with where each stands: WAITING_FOR_CONTACT, QUEUED, SENDING, SENT or FAILED. An empty list means "
					+ "no e-mail was requested (yet) for the order.")
	@GetMapping
	List<EmailResponse> ofOrder(
			@Parameter(description = "The order, as order-fn named it", required = true) @RequestParam UUID orderId,
			Caller caller) {
		// a customer sees the mails addressed to them only; one whose customer is not
		// known yet is an operator's business
		return emails.findByOrderId(new OrderId(orderId))
			.stream()
			.filter(email -> caller.operator()
					|| (email.customerId() != null && caller.mayAccess(email.customerId().value())))
			.sorted(Comparator.comparing(Email::kind))
			.map(EmailResponse::of)
			.toList();
	}

}
