package dev.ordersaga.email.contracts;

import org.junit.jupiter.api.Test;

import dev.ordersaga.contracts.ConsumerContract;
import dev.ordersaga.email.sending.Email;
import dev.ordersaga.email.sending.EmailKind;
import dev.ordersaga.support.money.Money;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * email-fn as consumer of payment-fn: each stub of {@code contracts/payment-fn/email-fn/}
 * goes through {@code requestPaymentEmails} and requests the e-mail it calls for.
 */
class PaymentEventStubsTest extends ContractTestBase {

	@Test
	@ConsumerContract("payment.processed.v1 for email-fn")
	void requestsThePaymentCompletedEmailWithAmountAndPaymentId() {
		triggerStub();

		Email email = email(contractUnderTest().example("orderId"), EmailKind.PAYMENT_COMPLETED);
		assertThat(email.facts().amount()).isEqualTo(Money.of(30_000, "KRW"));
		assertThat(email.facts().reference()).isEqualTo(contractUnderTest().example("paymentId"));
	}

	@Test
	@ConsumerContract("payment.refunded.v1 for email-fn")
	void requestsThePaymentRefundedEmailWithAmountAndPaymentId() {
		triggerStub();

		Email email = email(contractUnderTest().example("orderId"), EmailKind.PAYMENT_REFUNDED);
		assertThat(email.facts().amount()).isEqualTo(Money.of(30_000, "KRW"));
		assertThat(email.facts().reference()).isEqualTo(contractUnderTest().example("paymentId"));
	}

}
