package dev.ordersaga.support.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Import it into a {@code @AutoConfigureMockMvc} test context: every MockMvc request then
 * carries an operator's token of the {@link TestIssuer} unless it sets its own
 * {@code Authorization} header. For tests of behaviour behind the authorization rules;
 * the rules themselves are tested with explicit tokens.
 */
@TestConfiguration(proxyBeanMethods = false)
public class OperatorMockMvc {

	@Bean
	MockMvcBuilderCustomizer operatorToken() {
		return builder -> builder
			.defaultRequest(MockMvcRequestBuilders.get("/").header(HttpHeaders.AUTHORIZATION, TestIssuer.operator()));
	}

}
