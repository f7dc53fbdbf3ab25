package dev.ordersaga.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import java.util.function.Supplier;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only web page over the mail GreenMail received, for the local run: {@code /}
 * lists every mail (newest first), {@code /messages/<n>} shows one raw (MIME source, as
 * the service sent it).
 */
public final class MailboxPage implements AutoCloseable {

	public static final String NAME = "mailbox";

	private static final Logger log = LoggerFactory.getLogger(MailboxPage.class);

	private final Supplier<GreenMail> greenMail;

	private final HttpServer server;

	public MailboxPage(Supplier<GreenMail> greenMail, int port) {
		if (port != 0) {
			Ports.requireFree(port, NAME);
		}
		this.greenMail = greenMail;
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot open the mailbox page on port " + port, e);
		}
		server.createContext("/", this::handle);
		server.start();
		log.info("Mailbox page on port {}", port());
	}

	public int port() {
		return server.getAddress().getPort();
	}

	public String url() {
		return "http://localhost:" + port() + "/";
	}

	@Override
	public void close() {
		server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			MimeMessage[] messages = greenMail.get().getReceivedMessages();
			if (path.equals("/")) {
				respond(exchange, 200, "text/html", index(messages));
			}
			else if (path.startsWith("/messages/")) {
				int number = parse(path.substring("/messages/".length()));
				if (number < 1 || number > messages.length) {
					respond(exchange, 404, "text/plain", "No message " + path.substring("/messages/".length()));
				}
				else {
					respond(exchange, 200, "text/plain", raw(messages[number - 1]));
				}
			}
			else {
				respond(exchange, 404, "text/plain", "Not found");
			}
		}
		catch (MessagingException e) {
			log.warn("Cannot render mail: {}", e.toString());
		}
	}

	private static String index(MimeMessage[] messages) throws MessagingException {
		StringBuilder rows = new StringBuilder();
		for (int number = messages.length; number >= 1; number--) {
			MimeMessage message = messages[number - 1];
			rows.append("<tr><td><a href=\"/messages/")
				.append(number)
				.append("\">")
				.append(number)
				.append("</a></td>")
				.append("<td>")
				.append(escape(String.valueOf(Objects.requireNonNullElse(message.getSentDate(), ""))))
				.append("</td>")
				.append("<td>")
				.append(escape(addresses(message.getFrom())))
				.append("</td>")
				.append("<td>")
				.append(escape(addresses(message.getAllRecipients())))
				.append("</td>")
				.append("<td>")
				.append(escape(Objects.requireNonNullElse(message.getSubject(), "")))
				.append("</td></tr>\n");
		}
		return """
				<!doctype html>
				<html><head><meta charset="utf-8"><title>devstack mailbox</title>
				<style>body{font-family:sans-serif;margin:2em}td,th{padding:.3em .8em;text-align:left}tr:nth-child(even){background:#f3f3f3}</style>
				</head><body><h1>devstack mailbox</h1>
				<p>%d mail(s) received by the SMTP server, newest first, as of %s. Reload to refresh.</p>
				<table><tr><th>#</th><th>sent</th><th>from</th><th>to</th><th>subject</th></tr>
				%s</table></body></html>
				"""
			.formatted(messages.length, escape(new Date().toString()), rows);
	}

	private static String raw(MimeMessage message) throws IOException, MessagingException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		message.writeTo(out);
		return out.toString(StandardCharsets.UTF_8);
	}

	private static String addresses(Address[] addresses) {
		return addresses == null ? ""
				: Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
	}

	private static int parse(String number) {
		try {
			return Integer.parseInt(number);
		}
		catch (NumberFormatException e) {
			return -1;
		}
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
