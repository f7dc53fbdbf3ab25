/**
 * Every saga service's HTTP API as an OAuth2 resource server: JWT from any OIDC issuer,
 * scopes as authorities, the calling customer taken from a claim, problem+json answers
 * for 401 and 403.
 */
package dev.ordersaga.support.security;
