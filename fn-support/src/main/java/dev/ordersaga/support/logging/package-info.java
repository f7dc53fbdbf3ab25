/**
 * What every log line written while a saga event is handled carries in the MDC, so that
 * the structured (JSON) logs of all services can be selected by order id.
 */
package dev.ordersaga.support.logging;
