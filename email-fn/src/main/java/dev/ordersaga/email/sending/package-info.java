/**
 * The mail log and its life cycle: a saga event requests one e-mail of a kind for an
 * order, the e-mail waits for its recipient if needed, a dispatcher sends it off the
 * Kafka consumer threads and records the outcome, which leaves as {@code EmailSent} or
 * {@code EmailFailed}. Transport and templates are ports ({@link Mailer},
 * {@link MailComposer}).
 */
package dev.ordersaga.email.sending;
