/**
 * The fault suite: a seeded schedule of faults against a running load
 * ({@link dev.ordersaga.devstack.chaos.ChaosRun}) and an invariant checker that reads the
 * services, the payment provider's ledger, the SMTP server and the broker instead of
 * trusting audit-fn ({@link dev.ordersaga.devstack.chaos.InvariantChecker}).
 */
package dev.ordersaga.devstack.chaos;
