package dev.ordersaga.email.mail;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ordersaga.email.CustomerId;
import dev.ordersaga.email.OrderId;
import dev.ordersaga.email.contact.CustomerContact;
import dev.ordersaga.email.sending.ComposedMail;
import dev.ordersaga.email.sending.Email;
import dev.ordersaga.email.sending.EmailKind;
import dev.ordersaga.email.sending.MailComposer.Composition;
import dev.ordersaga.email.sending.MailFacts;
import dev.ordersaga.support.money.Money;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Template rendering per kind and language, and the header checks on customer data; no
 * Spring, no SMTP.
 */
class ThymeleafMailComposerTest {

	static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

	static final OrderId ORDER = new OrderId(UUID.fromString("5f0c1a2b-1111-4222-8333-444455556666"));

	final ThymeleafMailComposer composer = new ThymeleafMailComposer(ZoneId.of("UTC"));

	static Email email(EmailKind kind, MailFacts facts) {
		return Email.request(ORDER, kind, null, facts, "order-saga", AT, Duration.ofMinutes(10));
	}

	static Email paymentCompleted() {
		return email(EmailKind.PAYMENT_COMPLETED, new MailFacts(Money.of(30_000, "KRW"), "pay-77", null, AT));
	}

	static CustomerContact contact(String name, String address, String locale) {
		return new CustomerContact(new CustomerId(UUID.randomUUID()), name, address, locale, AT);
	}

	ComposedMail composed(Email email, CustomerContact contact) {
		Composition composition = composer.compose(email, contact);
		assertThat(composition).isInstanceOf(Composition.Composed.class);
		return ((Composition.Composed) composition).mail();
	}

	@Test
	void rendersPaymentCompletedInEnglishAsTextAndHtml() {
		ComposedMail mail = composed(paymentCompleted(), contact("Jane Doe", "jane@example.com", "en"));

		assertThat(mail.to()).isEqualTo("jane@example.com");
		assertThat(mail.toName()).isEqualTo("Jane Doe");
		assertThat(mail.locale()).isEqualTo("en");
		assertThat(mail.subject()).isEqualTo("Payment received for order 5f0c1a2b");
		assertThat(mail.text()).startsWith("Hello Jane Doe,")
			.contains("We have received your payment of ₩30,000.")
			.contains("Order: " + ORDER)
			.contains("Payment reference: pay-77")
			.contains("November 25, 2026")
			.doesNotContain("Reason:")
			.doesNotContain("<");
		assertThat(mail.html()).contains("<html lang=\"en\">")
			.contains("<title>Payment received for order 5f0c1a2b</title>")
			.contains("<p>Hello Jane Doe,</p>")
			.contains("<td>₩30,000</td>")
			.contains("<td>pay-77</td>");
	}

	@Test
	void rendersInKoreanForKoreanCustomers() {
		Email cancelled = email(EmailKind.ORDER_CANCELLED,
				new MailFacts(Money.of(30_000, "KRW"), null, "PAYMENT_DECLINED", AT));

		ComposedMail mail = composed(cancelled, contact("김민지", "minji@example.com", "ko-KR"));

		assertThat(mail.locale()).isEqualTo("ko");
		assertThat(mail.subject()).isEqualTo("[주문 5f0c1a2b] 주문이 취소되었습니다");
		assertThat(mail.text()).startsWith("김민지님, 안녕하세요.")
			.contains("죄송합니다. 주문이 취소되었습니다.")
			.contains("사유: 결제가 거절되었습니다.")
			.contains("2026년 11월 25일");
		assertThat(mail.html()).contains("<html lang=\"ko\">").contains("<td>결제가 거절되었습니다.</td>");
	}

	@ParameterizedTest
	@CsvSource({ "fr, en", "'', en", "xx-YY, en", "EN-gb, en", "ko, ko", "ko_KR, ko" })
	void fallsBackToEnglishForLanguagesWithoutBundle(String tag, String expected) {
		assertThat(ThymeleafMailComposer.language(tag)).isEqualTo(Locale.forLanguageTag(expected));
		assertThat(ThymeleafMailComposer.language(null)).isEqualTo(Locale.ENGLISH);
	}

	@ParameterizedTest
	@CsvSource({ "PAYMENT_COMPLETED, en", "PAYMENT_COMPLETED, ko", "ORDER_COMPLETED, en", "ORDER_COMPLETED, ko",
			"ORDER_CANCELLED, en", "ORDER_CANCELLED, ko", "PAYMENT_REFUNDED, en", "PAYMENT_REFUNDED, ko" })
	void rendersEveryKindInEveryLanguageWithoutMissingWording(EmailKind kind, String locale) {
		MailFacts facts = new MailFacts(Money.of(1_250, "EUR"), kind.name().startsWith("PAYMENT") ? "pay-1" : null,
				kind == EmailKind.ORDER_CANCELLED ? "TIMEOUT" : null, AT);

		ComposedMail mail = composed(email(kind, facts), contact("Lee", "lee@example.com", locale));

		assertThat(mail.subject()).contains("5f0c1a2b").doesNotContain("??");
		assertThat(mail.text()).contains(ORDER.toString()).contains("12.50").doesNotContain("??").doesNotContain("[(");
		assertThat(mail.html()).contains(ORDER.toString()).contains("12.50").doesNotContain("??").doesNotContain("th:");
	}

	@Test
	void wordsAnUnknownCancelReasonGenerically() {
		Email cancelled = email(EmailKind.ORDER_CANCELLED,
				new MailFacts(Money.of(100, "EUR"), null, "SOMETHING_NEW", AT));

		assertThat(composed(cancelled, contact("Lee", "lee@example.com", "en")).text())
			.contains("Reason: The order could not be completed.");
	}

	@Test
	void escapesMarkupFromCustomerDataInHtml() {
		ComposedMail mail = composed(paymentCompleted(),
				contact("<script>alert(1)</script>", "jane@example.com", "en"));

		assertThat(mail.html()).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
	}

	@Test
	void greetsWithoutANameWhenTheNameIsBlank() {
		ComposedMail mail = composed(paymentCompleted(), contact(" \r\n ", "jane@example.com", "en"));

		assertThat(mail.toName()).isNull();
		assertThat(mail.text()).startsWith("Hello,");
	}

	@Test
	void flattensLineBreaksInTheDisplayNameSoNoHeaderCanBeInjected() {
		ComposedMail mail = composed(paymentCompleted(),
				contact("Mallory\r\nBcc: victim@example.com\u2028X: y", "jane@example.com", "en"));

		assertThat(mail.toName()).isEqualTo("Mallory Bcc: victim@example.com X: y").doesNotContain("\r", "\n");
		assertThat(mail.subject()).doesNotContain("\r", "\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "jane@example.com\r\nBcc: victim@example.com", "jane@example.com\nBcc: v@example.com",
			"jane@example.com, victim@example.com", "Jane <jane@example.com>", "group: a@example.com;",
			"not-an-address", "jane@", "@example.com", "jane@exa mple.com", "jane@example.com\u0000" })
	void refusesAnythingButOnePlainMailboxAsRecipient(String address) {
		Composition composition = composer.compose(paymentCompleted(), contact("Jane", address, "en"));

		assertThat(composition).isInstanceOf(Composition.Undeliverable.class);
		assertThat(((Composition.Undeliverable) composition).detail()).doesNotContain("\r", "\n", "victim");
	}

}
