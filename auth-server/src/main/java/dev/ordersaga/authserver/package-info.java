/**
 * The dev-only OIDC issuer devstack starts first: Spring Authorization Server with the
 * clients and the operator user of the local stack, and customer tokens on demand.
 */
package dev.ordersaga.authserver;
