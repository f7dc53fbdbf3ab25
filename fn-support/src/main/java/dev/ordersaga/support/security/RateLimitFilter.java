package dev.ordersaga.support.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@link RateLimitProperties}: one Resilience4j {@link RateLimiter} per rule and
 * caller (kept while the caller is active), checked after authentication. A request over
 * the limit is answered at once with 429 and {@code Retry-After} (whole seconds until the
 * permits refill), never queued.
 */
public final class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimitProperties properties;

	private final JsonMapper json;

	private final Cache<String, RateLimiter> limiters;

	public RateLimitFilter(RateLimitProperties properties, JsonMapper json) {
		this.properties = properties;
		this.json = json;
		this.limiters = Caffeine.newBuilder().expireAfterAccess(properties.callerIdleExpiry()).build();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		if (properties.enabled() && caller != null && caller.isAuthenticated() && !operator(caller)) {
			for (Map.Entry<String, RateLimitProperties.Rule> entry : properties.rules().entrySet()) {
				RateLimitProperties.Rule rule = entry.getValue();
				if (rule.method().equalsIgnoreCase(request.getMethod()) && rule.path().equals(path(request))) {
					RateLimiter limiter = limiters.get(entry.getKey() + "|" + caller.getName(),
							key -> RateLimiter.of(key,
									RateLimiterConfig.custom()
										.limitForPeriod(rule.limit())
										.limitRefreshPeriod(rule.period())
										.timeoutDuration(java.time.Duration.ZERO)
										.build()));
					if (!limiter.acquirePermission()) {
						tooMany(request, response, rule);
						return;
					}
				}
			}
		}
		chain.doFilter(request, response);
	}

	private void tooMany(HttpServletRequest request, HttpServletResponse response, RateLimitProperties.Rule rule)
			throws IOException {
		long retryAfter = Math.max(1, (rule.period().toMillis() + 999) / 1000);
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", "Too many requests");
		problem.put("status", HttpStatus.TOO_MANY_REQUESTS.value());
		problem.put("detail", "At most " + rule.limit() + " requests per " + rule.period().toMillis() + " ms to "
				+ rule.method() + " " + rule.path() + "; retry after " + retryAfter + " s");
		problem.put("instance", request.getRequestURI());
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(json.writeValueAsBytes(problem));
	}

	private static String path(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		return context == null || context.isEmpty() ? uri : uri.substring(context.length());
	}

	private static boolean operator(Authentication caller) {
		return caller.getAuthorities().stream().anyMatch(granted -> Scopes.SAGA_OPERATE.equals(granted.getAuthority()));
	}

}
