package dev.ordersaga.support.security;

/**
 * The authorities a token's scopes become (Spring Security prefixes every scope with
 * {@code SCOPE_}).
 */
public final class Scopes {

	/** A customer acting for themselves (their id in the customer claim). */
	public static final String ORDERS = "SCOPE_orders";

	/** The storefront registering customers. */
	public static final String CUSTOMERS_REGISTER = "SCOPE_customers.register";

	/**
	 * An operator: reads everything, cancels any order, changes credit limits, audits.
	 */
	public static final String SAGA_OPERATE = "SCOPE_saga.operate";

	private Scopes() {
	}

}
