/**
 * The mail edge: composing e-mails with Thymeleaf templates and message bundles per
 * locale, and handing them to the SMTP server through Spring Mail with Resilience4j
 * retrying short failures. No customer data reaches a header unchecked: addresses are
 * parsed strictly, names and subjects are single-line, HTML is escaped.
 */
package dev.ordersaga.email.mail;
