package dev.ordersaga.contracts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the consumer test that feeds the stub of one contract into the service's real
 * input binding and asserts its effect. Each service's guard test checks that every
 * contract the service consumes has exactly such a test.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConsumerContract {

	/** The contract's label, e.g. {@code order.created.v1 for customer-fn}. */
	String value();

}
