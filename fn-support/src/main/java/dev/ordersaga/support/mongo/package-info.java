/** MongoDB mapping helpers shared by the services. */
package dev.ordersaga.support.mongo;
