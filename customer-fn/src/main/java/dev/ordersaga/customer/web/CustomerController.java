package dev.ordersaga.customer.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;

import dev.ordersaga.customer.CustomerChange;
import dev.ordersaga.customer.CustomerChanges;
import dev.ordersaga.customer.CustomerId;
import dev.ordersaga.customer.Customer;
import dev.ordersaga.customer.CustomerManagement;
import dev.ordersaga.support.security.Caller;
import dev.ordersaga.support.web.FieldError;
import dev.ordersaga.support.web.Problems;
import dev.ordersaga.support.web.RequestValidationException;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/customers")
class CustomerController {

	static final String MERGE_PATCH_JSON = "application/merge-patch+json";

	private final CustomerManagement management;

	CustomerController(CustomerManagement management) {
		this.management = management;
	}

	@Operation(summary = "Register a customer",
			description = "All of the credit limit is available until orders reserve it. The customer's profile "
					+ "(name, e-mail, locale) is published on the customer-profiles topic.")
	@PostMapping
	ResponseEntity<CustomerResponse> register(@Valid @RequestBody RegisterCustomerRequest request) {
		Customer customer = management.register(request.name(), request.email(),
				LanguageTag.Validator.normalize(request.locale()), request.creditLimit().toMoney());
		return ResponseEntity.created(URI.create("/customers/" + customer.id())).body(CustomerResponse.of(customer));
	}

	@Operation(summary = "Read one customer with the credit their open orders leave available")
	@GetMapping("/{customerId}")
	CustomerResponse get(@PathVariable UUID customerId, Caller caller) {
		return management.find(new CustomerId(customerId))
			.filter(customer -> caller.mayAccess(customerId))
			.map(CustomerResponse::of)
			.orElseThrow(() -> Problems.notFound("Customer", customerId));
	}

	@Operation(summary = "Change a customer's contact data and/or credit limit",
			description = "JSON merge patch: absent fields stay as they are. A customer changes their own name, "
					+ "e-mail and locale; only an operator changes a credit limit (403 otherwise). "
					+ "A new credit limit keeps the credit open "
					+ "orders hold (409 if it would not cover it) and stays in the customer's currency (422 otherwise). "
					+ "A change of contact data is published on the customer-profiles topic.")
	@PatchMapping(path = "/{customerId}", consumes = { MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON })
	CustomerResponse change(@PathVariable UUID customerId, @Valid @RequestBody ChangeCustomerRequest request,
			Caller caller) {
		if (!caller.mayAccess(customerId)) {
			throw Problems.notFound("Customer", customerId);
		}
		if (request.getCreditLimit() != null && !caller.operator()) {
			throw withField(
					Problems.problem(HttpStatus.FORBIDDEN, "Forbidden", "Only an operator changes a credit limit"),
					"creditLimit", "may only be set by an operator");
		}
		if (!request.removals().isEmpty()) {
			throw new RequestValidationException(request.removals());
		}
		CustomerChanges changes = new CustomerChanges(request.getName(), request.getEmail(),
				request.getLocale() == null ? null : LanguageTag.Validator.normalize(request.getLocale()),
				request.getCreditLimit() == null ? null : request.getCreditLimit().toMoney());
		CustomerChange change = management.change(new CustomerId(customerId), changes)
			.orElseThrow(() -> Problems.notFound("Customer", customerId));
		return switch (change) {
			case CustomerChange.Changed changed -> CustomerResponse.of(changed.after());
			case CustomerChange.Unchanged unchanged -> CustomerResponse.of(unchanged.customer());
			case CustomerChange.CurrencyChangeRefused refused ->
				throw withField(
						Problems.unprocessable("Currency change not supported",
								"The credit limit is kept in " + refused.currency() + " and cannot move to "
										+ refused.requested()),
						"creditLimit.currency", "must be " + refused.currency());
			case CustomerChange.LimitBelowOpenReservations below -> throw withField(
					Problems.conflict("Credit limit below open reservations",
							"A credit limit of " + below.requested() + " would not cover the " + below.open()
									+ " held by open orders"),
					"creditLimit.amount", "must be at least " + below.open().amount());
		};
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ProblemDetail contended(OptimisticLockingFailureException ex) {
		return Problems.conflict("Concurrent change", "The customer was changed concurrently; retry the request")
			.getBody();
	}

	private static ErrorResponseException withField(ErrorResponseException problem, String field, String message) {
		problem.getBody().setProperty("errors", List.of(new FieldError(field, message)));
		return problem;
	}

}
