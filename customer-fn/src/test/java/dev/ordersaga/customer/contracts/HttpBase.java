package dev.ordersaga.customer.contracts;

import io.restassured.module.mockmvc.RestAssuredMockMvc;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests generated from {@code contracts/customer-fn/http/}: the public HTTP
 * API of ARCHITECTURE §7 on the real controller, validation and persistence.
 */
public abstract class HttpBase extends ContractTestBase {

	@BeforeEach
	void http() {
		RestAssuredMockMvc.mockMvc(mvc);
	}

}
