/**
 * The system-wide view: the overall consistency verdict and its numbers, recomputed from
 * the store on a schedule, published to the dashboards and exposed as Micrometer metrics.
 */
package dev.ordersaga.audit.overview;
