package dev.ordersaga.order.contracts;

import io.restassured.module.mockmvc.RestAssuredMockMvc;
import org.junit.jupiter.api.BeforeEach;

import dev.ordersaga.order.OrderId;

/**
 * Base of the tests generated from {@code contracts/order-fn/http/}: the public HTTP API
 * of ARCHITECTURE §7 on the real controllers, validation and persistence.
 */
public abstract class HttpBase extends ContractTestBase {

	/** The order {@code get_order.groovy} reads. */
	static final String KNOWN_ORDER = "2b7e1f4a-8c3d-4e5f-9a0b-1c2d3e4f5a6b";

	static final String KNOWN_CUSTOMER = "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a";

	@BeforeEach
	void http() {
		RestAssuredMockMvc.mockMvc(mvc);
		if (orders.findById(OrderId.of(KNOWN_ORDER)).isEmpty()) {
			pendingOrder(KNOWN_ORDER, KNOWN_CUSTOMER);
		}
	}

}
