package dev.ordersaga.payment;

import java.time.Instant;

import dev.ordersaga.support.money.Money;

/**
 * A charge the provider holds for an order that is not the payment's charge (it landed
 * after the payment was decided without one, or it took another amount), and the refund
 * that gave it back.
 */
public record StrayCharge(String chargeReference, Money amount, String refundReference, Instant refundedAt) {
}
