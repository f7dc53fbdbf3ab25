/**
 * The system-wide view: the overall consistency verdict and its numbers, kept current in
 * memory as sagas change, published to the dashboards and exposed as Micrometer metrics.
 */
package dev.ordersaga.audit.overview;
