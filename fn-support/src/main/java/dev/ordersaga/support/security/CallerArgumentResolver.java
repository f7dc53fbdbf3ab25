package dev.ordersaga.support.security;

import java.util.Optional;
import java.util.UUID;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a {@link Caller} controller parameter from the authenticated token: the
 * customer is the one named by the customer claim ({@code customer_id} by default), or
 * the subject when that is a customer id; only tokens with the {@code orders} scope act
 * for a customer.
 */
public final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	private final String customerClaim;

	public CallerArgumentResolver(String customerClaim) {
		this.customerClaim = customerClaim;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Caller.class;
	}

	@Override
	public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		return caller(SecurityContextHolder.getContext().getAuthentication());
	}

	/**
	 * The caller behind {@code authentication}; nobody in particular when it is no JWT.
	 */
	public Caller caller(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return new Caller("anonymous", Optional.empty(), false);
		}
		boolean operator = has(authentication, Scopes.SAGA_OPERATE);
		Optional<UUID> customer = Optional.empty();
		if (has(authentication, Scopes.ORDERS) && authentication instanceof JwtAuthenticationToken token) {
			customer = customerId(token.getToken());
		}
		return new Caller(authentication.getName(), customer, operator);
	}

	private Optional<UUID> customerId(Jwt jwt) {
		String claimed = jwt.getClaimAsString(customerClaim);
		return uuid(claimed != null ? claimed : jwt.getSubject());
	}

	private static Optional<UUID> uuid(String value) {
		if (value == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(UUID.fromString(value));
		}
		catch (IllegalArgumentException notACustomerId) {
			return Optional.empty();
		}
	}

	private static boolean has(Authentication authentication, String authority) {
		return authentication.getAuthorities().stream().anyMatch(granted -> authority.equals(granted.getAuthority()));
	}

}
