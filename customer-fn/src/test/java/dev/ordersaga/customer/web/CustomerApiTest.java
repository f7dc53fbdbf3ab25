package dev.ordersaga.customer.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ordersaga.customer.CreditLedger;
import dev.ordersaga.customer.CustomerFnTest;
import dev.ordersaga.customer.CustomerId;
import dev.ordersaga.customer.OrderEvent.OrderCreated;
import dev.ordersaga.support.events.EventIds;
import dev.ordersaga.support.money.Money;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.messaging.Message;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class CustomerApiTest extends CustomerFnTest {

	private static final String CUSTOMER_ONE = """
			{"name":"Customer One","email":"one@example.com","locale":"ko",
			 "creditLimit":{"amount":100000,"currency":"KRW"}}""";

	private static final Duration RELAYED = Duration.ofSeconds(10);

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JsonMapper json;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private CreditLedger ledger;

	@Test
	void registersACustomerWithAllOfTheCreditLimitAvailable() throws Exception {
		mvc.perform(post("/customers").contentType(MediaType.APPLICATION_JSON).content(CUSTOMER_ONE))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", matchesPattern("/customers/[0-9a-f-]{36}")))
			.andExpect(jsonPath("$.customerId").isString())
			.andExpect(jsonPath("$.name").value("Customer One"))
			.andExpect(jsonPath("$.email").value("one@example.com"))
			.andExpect(jsonPath("$.locale").value("ko"))
			.andExpect(jsonPath("$.creditLimit.amount").value(100000))
			.andExpect(jsonPath("$.creditLimit.currency").value("KRW"))
			.andExpect(jsonPath("$.availableCredit.amount").value(100000))
			.andExpect(jsonPath("$.availableCredit.currency").value("KRW"));
	}

	@Test
	void readsTheCustomerAtItsLocation() throws Exception {
		String location = register(CUSTOMER_ONE).andReturn().getResponse().getHeader("Location");

		mvc.perform(get(location))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.customerId").value(location.substring("/customers/".length())))
			.andExpect(jsonPath("$.availableCredit.amount").value(100000));
	}

	@Test
	void registersACustomerWithoutCreditAndNormalisesTheLocale() throws Exception {
		register(
				"""
						{"name":"No Credit","email":"none@example.com","locale":"EN-gb","creditLimit":{"amount":0,"currency":"EUR"}}""")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.locale").value("en-GB"))
			.andExpect(jsonPath("$.availableCredit.amount").value(0));
	}

	@Test
	void publishesTheProfileOfANewCustomerOnTheCompactedTopic() throws Exception {
		String customerId = id(register(CUSTOMER_ONE));

		Message<byte[]> profile = next("customer-profiles", customerId, RELAYED);

		assertThat(profile).as("customer.registered.v1 relayed from the outbox").isNotNull();
		assertThat(profile.getHeaders()).containsEntry("ce_type", "customer.registered.v1")
			.containsEntry("ce_id", EventIds.of(customerId + "@0", "customer.registered.v1"))
			.containsEntry("ce_source", "/customer-fn");
		assertThat(new String((byte[]) profile.getHeaders().get("kafka_messageKey"), StandardCharsets.UTF_8))
			.isEqualTo(customerId);
		assertThat(json.readTree(profile.getPayload())).isEqualTo(json.readTree("""
				{"customerId":"%s","name":"Customer One","email":"one@example.com","locale":"ko"}"""
			.formatted(customerId)));
	}

	@Test
	void rejectsMalformedJson() throws Exception {
		assertRejectedAndNothingStored(post("/customers").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
			.andExpect(jsonPath("$.title").value("Malformed request"));
	}

	@Test
	void rejectsMissingFieldsNamingEach() throws Exception {
		assertRejectedAndNothingStored(post("/customers").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(jsonPath("$.errors[*].field", hasItem("name")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("email")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("locale")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("creditLimit")));
	}

	@Test
	void rejectsANegativeCreditLimit() throws Exception {
		assertInvalid(CUSTOMER_ONE.replace("100000", "-1"), "creditLimit.amount");
	}

	@Test
	void rejectsAFractionalAmountOfMinorUnits() throws Exception {
		assertInvalid(CUSTOMER_ONE.replace("100000", "100.5"), "creditLimit.amount");
	}

	@Test
	void rejectsAnUnknownCurrency() throws Exception {
		assertInvalid(CUSTOMER_ONE.replace("KRW", "XXY"), "creditLimit.currency");
	}

	@Test
	void rejectsAnInvalidEmail() throws Exception {
		assertInvalid(CUSTOMER_ONE.replace("one@example.com", "not-an-email"), "email");
	}

	@Test
	void rejectsALineBreakInTheName() throws Exception {
		assertInvalid(CUSTOMER_ONE.replace("Customer One", "Customer One\\r\\nBcc: all@example.com"), "name");
	}

	@Test
	void rejectsAnInvalidLocale() throws Exception {
		assertInvalid(CUSTOMER_ONE.replace("\"ko\"", "\"ko_KR\""), "locale");
	}

	@Test
	void rejectsAnOversizedBody() throws Exception {
		String huge = CUSTOMER_ONE.replace("Customer One", "x".repeat(70 * 1024));

		mvc.perform(post("/customers").contentType(MediaType.APPLICATION_JSON).content(huge))
			.andExpect(status().isContentTooLarge())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void answersNotFoundForAnUnknownCustomer() throws Exception {
		mvc.perform(get("/customers/{id}", UUID.randomUUID()))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Customer not found"));
		mvc.perform(patch("/customers/{id}", UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"Someone\"}")).andExpect(status().isNotFound());
	}

	@Test
	void answersBadRequestForAnIdThatIsNoUuid() throws Exception {
		mvc.perform(get("/customers/not-a-uuid"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void keepsOpenReservationsWhenTheCreditLimitChanges() throws Exception {
		String customerId = id(register(CUSTOMER_ONE));
		reserve(customerId, 30_000);

		change(customerId, MediaType.APPLICATION_JSON, "{\"creditLimit\":{\"amount\":200000,\"currency\":\"KRW\"}}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.creditLimit.amount").value(200000))
			.andExpect(jsonPath("$.availableCredit.amount").value(170000));
		change(customerId, MediaType.APPLICATION_JSON, "{\"creditLimit\":{\"amount\":30000,\"currency\":\"KRW\"}}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.availableCredit.amount").value(0));
	}

	@Test
	void refusesACreditLimitBelowTheOpenReservations() throws Exception {
		String customerId = id(register(CUSTOMER_ONE));
		reserve(customerId, 30_000);

		change(customerId, MediaType.APPLICATION_JSON, "{\"creditLimit\":{\"amount\":29999,\"currency\":\"KRW\"}}")
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("creditLimit.amount"));
		mvc.perform(get("/customers/{id}", customerId))
			.andExpect(jsonPath("$.creditLimit.amount").value(100000))
			.andExpect(jsonPath("$.availableCredit.amount").value(70000));
	}

	@Test
	void refusesToChangeTheCurrencyOfTheCreditLimit() throws Exception {
		String customerId = id(register(CUSTOMER_ONE));

		change(customerId, MediaType.APPLICATION_JSON, "{\"creditLimit\":{\"amount\":100,\"currency\":\"EUR\"}}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("creditLimit.currency"));
	}

	@Test
	void changesContactDataByMergePatchAndPublishesTheNextProfile() throws Exception {
		String customerId = id(register(CUSTOMER_ONE));
		assertThat(next("customer-profiles", customerId, RELAYED)).isNotNull();

		change(customerId, MediaType.APPLICATION_JSON, "{\"creditLimit\":{\"amount\":150000,\"currency\":\"KRW\"}}")
			.andExpect(status().isOk());
		change(customerId, MediaType.valueOf("application/merge-patch+json"), "{\"email\":\"new@example.com\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Customer One"))
			.andExpect(jsonPath("$.email").value("new@example.com"))
			.andExpect(jsonPath("$.creditLimit.amount").value(150000));

		Message<byte[]> updated = next("customer-profiles", customerId, RELAYED);
		assertThat(updated.getHeaders()).as("a limit change alone publishes no profile")
			.containsEntry("ce_type", "customer.updated.v1")
			.containsEntry("ce_id", EventIds.of(customerId + "@2", "customer.updated.v1"));
		assertThat(json.readTree(updated.getPayload())).isEqualTo(json.readTree("""
				{"customerId":"%s","name":"Customer One","email":"new@example.com","locale":"ko"}"""
			.formatted(customerId)));
	}

	@Test
	void rejectsRemovingAFieldInAChange() throws Exception {
		String customerId = id(register(CUSTOMER_ONE));

		change(customerId, MediaType.APPLICATION_JSON, "{\"email\":null}").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("email"));
		change(customerId, MediaType.APPLICATION_JSON, "{\"email\":\"bad\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("email"));
		mvc.perform(get("/customers/{id}", customerId)).andExpect(jsonPath("$.email").value("one@example.com"));
	}

	/**
	 * The actuator runs on the management port (fn-support's defaults), which a MockMvc
	 * context has not: probes and metrics are tested where a server runs (order-fn's
	 * OrderApiTest, devstack).
	 */
	@Test
	void servesItsOpenApiDescription() throws Exception {
		mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/customers']").exists())
			.andExpect(jsonPath("$.paths['/customers/{customerId}'].patch").exists());
	}

	private ResultActions register(String body) throws Exception {
		return mvc.perform(post("/customers").contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private ResultActions change(String customerId, MediaType type, String body) throws Exception {
		return mvc.perform(patch("/customers/{id}", customerId).contentType(type).content(body));
	}

	private String id(ResultActions registered) throws Exception {
		JsonNode body = json
			.readTree(registered.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
		return body.get("customerId").asString();
	}

	private void reserve(String customerId, long amount) {
		ledger.on(new OrderCreated(newOrder(), CustomerId.of(customerId), Money.of(amount, "KRW"), Instant.now()))
			.orElseThrow();
	}

	private void assertInvalid(String body, String field) throws Exception {
		assertRejectedAndNothingStored(post("/customers").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(jsonPath("$.errors[*].field", hasItem(field)));
	}

	private ResultActions assertRejectedAndNothingStored(MockHttpServletRequestBuilder request) throws Exception {
		long stored = mongo.getCollection("customers").countDocuments();
		ResultActions result = mvc.perform(request)
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(mongo.getCollection("customers").countDocuments()).isEqualTo(stored);
		return result;
	}

}
