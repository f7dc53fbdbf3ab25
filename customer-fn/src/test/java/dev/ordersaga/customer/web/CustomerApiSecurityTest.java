package dev.ordersaga.customer.web;

import java.util.UUID;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.customer.CustomerFnTest;
import dev.ordersaga.support.testing.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * customer-fn's authorization with tokens of a real (test) issuer: who may register
 * customers (API5), a customer sees and changes only their own record (API1), never their
 * credit limit nor fields no client sets (API3).
 */
class CustomerApiSecurityTest extends CustomerFnTest {

	static final String REGISTRATION = """
			{"name":"Customer One","email":"one@example.com","locale":"ko",
			 "creditLimit":{"amount":100000,"currency":"KRW"}}""";

	@Autowired
	WebApplicationContext context;

	@Autowired
	JsonMapper json;

	/** MockMvc with the security filter chain and no default token. */
	MockMvc mvc;

	@BeforeEach
	void mvc() {
		mvc = MockMvcBuilders.webAppContextSetup(context)
			.addFilters(context.getBean("springSecurityFilterChain", Filter.class))
			.build();
	}

	ResultActions perform(MockHttpServletRequestBuilder request, String authorization) throws Exception {
		return mvc.perform(authorization == null ? request : request.header(HttpHeaders.AUTHORIZATION, authorization));
	}

	String registered() throws Exception {
		String body = perform(post("/customers").contentType(MediaType.APPLICATION_JSON).content(REGISTRATION),
				TestIssuer.storefront())
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return json.readTree(body).get("customerId").asString();
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "POST, /customers", "GET, /customers/2b7e1f4a-8c3d-4e5f-9a0b-1c2d3e4f5a6b",
			"PATCH, /customers/2b7e1f4a-8c3d-4e5f-9a0b-1c2d3e4f5a6b" })
	void answersEveryEndpointWithout401Problem(String method, String path) throws Exception {
		MockHttpServletRequestBuilder request = switch (method) {
			case "POST" -> post(path).contentType(MediaType.APPLICATION_JSON).content(REGISTRATION);
			case "PATCH" -> patch(path).contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"X\"}");
			default -> get(path);
		};
		perform(request, null).andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")));
	}

	@Test
	void onlyTheStorefrontAndOperatorsRegisterCustomers() throws Exception {
		perform(post("/customers").contentType(MediaType.APPLICATION_JSON).content(REGISTRATION),
				TestIssuer.customer(UUID.randomUUID()))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		perform(post("/customers").contentType(MediaType.APPLICATION_JSON).content(REGISTRATION), TestIssuer.operator())
			.andExpect(status().isCreated());
	}

	@Test
	void storefrontCannotReadCustomers() throws Exception {
		perform(get("/customers/{id}", registered()), TestIssuer.storefront()).andExpect(status().isForbidden());
	}

	@Test
	void customerReadsAndChangesOwnContactData() throws Exception {
		String id = registered();

		perform(get("/customers/{id}", id), TestIssuer.customer(id)).andExpect(status().isOk())
			.andExpect(jsonPath("$.customerId").value(id));
		perform(patch("/customers/{id}", id).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"New Name\",\"email\":\"new@example.com\",\"locale\":\"en\"}"),
				TestIssuer.customer(id))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("New Name"));
	}

	@Test
	void anotherCustomersRecordIsNotFound() throws Exception {
		String id = registered();
		String intruder = TestIssuer.customer(UUID.randomUUID());

		perform(get("/customers/{id}", id), intruder).andExpect(status().isNotFound());
		perform(patch("/customers/{id}", id).contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Mallory\"}"),
				intruder)
			.andExpect(status().isNotFound());
		perform(get("/customers/{id}", id), TestIssuer.operator()).andExpect(jsonPath("$.name").value("Customer One"));
	}

	@Test
	void customerCannotChangeTheirCreditLimitButAnOperatorCan() throws Exception {
		String id = registered();
		String raise = "{\"creditLimit\":{\"amount\":9999999,\"currency\":\"KRW\"}}";

		perform(patch("/customers/{id}", id).contentType(MediaType.APPLICATION_JSON).content(raise),
				TestIssuer.customer(id))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.errors[0].field").value("creditLimit"));
		perform(get("/customers/{id}", id), TestIssuer.operator())
			.andExpect(jsonPath("$.creditLimit.amount").value(100000));
		perform(patch("/customers/{id}", id).contentType(MediaType.APPLICATION_JSON).content(raise),
				TestIssuer.operator())
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.creditLimit.amount").value(9999999));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "availableCredit | {\"availableCredit\":{\"amount\":1,\"currency\":\"KRW\"}}",
					"status | {\"status\":\"BLOCKED\"}",
					"customerId | {\"customerId\":\"2b7e1f4a-8c3d-4e5f-9a0b-1c2d3e4f5a6b\"}" })
	void refusesFieldsAClientMayNotSet(String field, String patchBody) throws Exception {
		String id = registered();

		perform(patch("/customers/{id}", id).contentType(MediaType.APPLICATION_JSON).content(patchBody),
				TestIssuer.operator())
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value(field));
		perform(post("/customers").contentType(MediaType.APPLICATION_JSON)
			.content(REGISTRATION.replaceFirst("}$", "," + patchBody.substring(1))), TestIssuer.storefront())
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value(field));
	}

}
