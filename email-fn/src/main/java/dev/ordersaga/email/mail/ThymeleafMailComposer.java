package dev.ordersaga.email.mail;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.internet.InternetAddress;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import dev.ordersaga.email.contact.CustomerContact;
import dev.ordersaga.email.sending.ComposedMail;
import dev.ordersaga.email.sending.Email;
import dev.ordersaga.email.sending.MailComposer;
import dev.ordersaga.email.sending.MailFacts;
import dev.ordersaga.support.money.Money;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Renders every e-mail twice, as HTML and as plain text, from
 * {@code templates/mail/<kind>.html|.txt}; all wording comes from
 * {@code templates/mail/messages_<lang>.properties}, so a language is one more bundle.
 * English is the fallback for customers whose locale has no bundle. Values are formatted
 * here (money in the currency's minor units, times in the configured zone) and escaped by
 * Thymeleaf in HTML.
 */
public class ThymeleafMailComposer implements MailComposer {

	/** The languages the bundles speak; the first is the fallback. */
	static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.KOREAN);

	private static final String LOCATION = "templates/mail/";

	private final MessageSource messages;

	private final SpringTemplateEngine engine;

	private final ZoneId zone;

	public ThymeleafMailComposer(ZoneId zone) {
		this.zone = zone;
		this.messages = messages();
		this.engine = engine(messages);
	}

	@Override
	public Composition compose(Email email, CustomerContact contact) {
		Optional<InternetAddress> to = Recipients.mailbox(contact.email());
		if (to.isEmpty()) {
			return new Composition.Undeliverable("the e-mail address of customer " + contact.customerId()
					+ " is not a single valid mailbox (malformed, a list, or containing line breaks)");
		}
		Locale locale = language(contact.locale());
		String name = Recipients.displayName(contact.name());
		String subject = Recipients
			.singleLine(messages.getMessage("subject." + email.kind(), new Object[] { shortReference(email) }, locale));
		Context context = new Context(locale, variables(email, name, subject, locale));
		String text = engine.process(email.kind().slug() + ".txt", context);
		String html = engine.process(email.kind().slug() + ".html", context);
		return new Composition.Composed(
				new ComposedMail(to.get().getAddress(), name, locale.toLanguageTag(), subject, text, html));
	}

	/** The customer's language if a bundle speaks it, else English. */
	static Locale language(String tag) {
		if (tag == null || tag.isBlank()) {
			return LANGUAGES.getFirst();
		}
		String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
		return LANGUAGES.stream()
			.filter(supported -> supported.getLanguage().equals(language))
			.findFirst()
			.orElse(LANGUAGES.getFirst());
	}

	private Map<String, Object> variables(Email email, String name, String subject, Locale locale) {
		MailFacts facts = email.facts();
		Map<String, Object> variables = new HashMap<>();
		variables.put("lang", locale.toLanguageTag());
		variables.put("subject", subject);
		variables.put("name", name);
		variables.put("orderId", email.orderId().toString());
		variables.put("amount", facts.amount() == null ? null : money(facts.amount(), locale));
		variables.put("reference", facts.reference());
		variables.put("reason", facts.reason() == null ? null : reason(facts.reason(), locale));
		variables.put("at", facts.occurredAt() == null ? null : time(facts.occurredAt(), locale));
		return variables;
	}

	private String reason(String reason, Locale locale) {
		return messages.getMessage("reason." + reason, null, messages.getMessage("reason.OTHER", null, locale), locale);
	}

	private static String money(Money money, Locale locale) {
		Currency currency = Currency.getInstance(money.currency());
		int digits = Math.max(currency.getDefaultFractionDigits(), 0);
		NumberFormat format = NumberFormat.getCurrencyInstance(locale);
		format.setCurrency(currency);
		format.setMinimumFractionDigits(digits);
		format.setMaximumFractionDigits(digits);
		return format.format(BigDecimal.valueOf(money.amount(), digits));
	}

	private String time(Instant instant, Locale locale) {
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG)
			.withLocale(locale)
			.withZone(zone)
			.format(instant);
	}

	/** The first block of the order id: enough to tell orders apart in a subject line. */
	private static String shortReference(Email email) {
		String id = email.orderId().toString();
		return id.substring(0, id.indexOf('-'));
	}

	private static MessageSource messages() {
		ResourceBundleMessageSource bundles = new ResourceBundleMessageSource();
		bundles.setBasename(LOCATION + "messages");
		bundles.setDefaultEncoding("UTF-8");
		bundles.setFallbackToSystemLocale(false);
		bundles.setDefaultLocale(LANGUAGES.getFirst());
		return bundles;
	}

	private static SpringTemplateEngine engine(MessageSource messages) {
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
		engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
		engine.setTemplateEngineMessageSource(messages);
		return engine;
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix(LOCATION);
		resolver.setTemplateMode(mode);
		resolver.setResolvablePatterns(Set.of(pattern));
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCheckExistence(true);
		resolver.setCacheable(true);
		resolver.setOrder(order);
		return resolver;
	}

}
