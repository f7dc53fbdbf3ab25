package dev.ordersaga.support.security;

import java.util.Optional;
import java.util.UUID;

import dev.ordersaga.support.web.Problems;

import org.springframework.http.HttpStatus;

/**
 * Who sent the request, as far as object-level authorization cares: an operator, or a
 * customer acting for themselves, or neither (a service such as the storefront).
 * Controllers declare it as a parameter; {@link CallerArgumentResolver} fills it in from
 * the validated token.
 *
 * @param name the token's subject, for logs
 * @param customerId the customer the token acts for, if it carries the {@code orders}
 * scope and a customer id
 * @param operator whether the token carries the {@code saga.operate} scope
 */
public record Caller(String name, Optional<UUID> customerId, boolean operator) {

	/**
	 * Whether the caller may see or act on an object of {@code owner}: operators on
	 * everything, a customer on their own. Callers that may not get a 404, the same as
	 * for an object that does not exist, so that ids cannot be probed.
	 */
	public boolean mayAccess(UUID owner) {
		return operator || customerId.filter(own -> own.equals(owner)).isPresent();
	}

	/**
	 * The customer whose data a listing must be limited to: empty for an operator (no
	 * limit), the customer's own id for a customer; anyone else is refused with 403.
	 */
	public Optional<UUID> listingLimit() {
		if (operator) {
			return Optional.empty();
		}
		return Optional.of(customerId.orElseThrow(() -> Problems.problem(HttpStatus.FORBIDDEN, "Forbidden",
				"The token acts for no customer and has no operator scope")));
	}

}
