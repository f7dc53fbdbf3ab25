package dev.ordersaga.support.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitFilterTest {

	final RateLimitFilter filter = new RateLimitFilter(new RateLimitProperties(true,
			Map.of("place-order", new RateLimitProperties.Rule("POST", "/orders", 3, Duration.ofSeconds(30))),
			Duration.ofMinutes(10)), JsonMapper.shared());

	@AfterEach
	void forget() {
		SecurityContextHolder.clearContext();
	}

	MockHttpServletResponse send(String caller, String authority, String method, String path) throws Exception {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken(caller, null,
					List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority(authority))));
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(new MockHttpServletRequest(method, path), response, new MockFilterChain());
		return response;
	}

	@Test
	void answers429WithRetryAfterOnceACallerUsedUpTheLimit() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(send("alice", Scopes.ORDERS, "POST", "/orders").getStatus()).isEqualTo(200);
		}

		MockHttpServletResponse limited = send("alice", Scopes.ORDERS, "POST", "/orders");

		assertThat(limited.getStatus()).isEqualTo(429);
		assertThat(limited.getHeader("Retry-After")).isEqualTo("30");
		assertThat(limited.getContentType()).isEqualTo("application/problem+json");
		assertThat(send("bob", Scopes.ORDERS, "POST", "/orders").getStatus()).as("another caller").isEqualTo(200);
		assertThat(send("alice", Scopes.ORDERS, "GET", "/orders").getStatus()).as("another endpoint").isEqualTo(200);
	}

	@Test
	void doesNotLimitOperators() throws Exception {
		for (int i = 0; i < 10; i++) {
			assertThat(send("ops", Scopes.SAGA_OPERATE, "POST", "/orders").getStatus()).isEqualTo(200);
		}
	}

}
