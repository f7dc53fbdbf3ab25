/**
 * MongoDB storage of the audit: {@code events} (one document per {@code ce_id}),
 * {@code deadLetters} (one per dead-letter record) and {@code sagas} (one report per
 * order, written with version-conditional single-document updates).
 */
package dev.ordersaga.audit.persistence;
