package dev.ordersaga.customer;

import dev.ordersaga.support.money.Money;

/**
 * A change requested through the API, already validated at the edge. A {@code null} field
 * stays as it is.
 *
 * @param locale BCP 47 language tag
 * @param creditLimit the new limit, in the customer's currency
 */
public record CustomerChanges(String name, String email, String locale, Money creditLimit) {
}
