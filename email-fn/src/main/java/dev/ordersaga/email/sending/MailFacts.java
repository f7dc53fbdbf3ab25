package dev.ordersaga.email.sending;

import java.time.Instant;

import dev.ordersaga.support.money.Money;

/**
 * What the e-mail tells, copied from the event that requested it.
 *
 * @param amount the order total or the payment/refund amount
 * @param reference the payment id for payment e-mails, else {@code null}
 * @param reason the cancel reason for {@code ORDER_CANCELLED}, else {@code null}; kept as
 * text so that a reason added by order-fn later still reads (it gets a generic wording)
 * @param occurredAt when the business fact happened
 */
public record MailFacts(Money amount, String reference, String reason, Instant occurredAt) {
}
