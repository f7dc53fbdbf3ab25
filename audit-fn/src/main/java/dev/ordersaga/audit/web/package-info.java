/**
 * audit-fn's HTTP edge: saga timelines and verdicts, the overall consistency verdict, and
 * the live stream behind the dashboard page ({@code static/index.html}).
 */
package dev.ordersaga.audit.web;
