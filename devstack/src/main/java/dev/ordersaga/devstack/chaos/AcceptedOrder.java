package dev.ordersaga.devstack.chaos;

/**
 * An order order-fn accepted (201) during a run: the checker's list of what must not be
 * lost.
 *
 * @param total KRW, minor units
 * @param token the sandbox test token it is paid with
 */
public record AcceptedOrder(String orderId, String customerId, long total, String token) {
}
