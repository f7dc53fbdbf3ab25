package dev.ordersaga.email;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * One GreenMail SMTP server per test JVM on a port fixed for the JVM's lifetime, started
 * before any Spring context (like {@code EmbeddedMongo}), so that the shared context
 * keeps talking to the same port across test classes and across
 * {@link #stop()}/{@link #start()} outages.
 * <p>
 * GreenMail accepts every recipient; this one answers {@code RCPT TO} for any mailbox at
 * {@link #REJECTED_DOMAIN} with {@code 550}, as a real server does for an unknown
 * mailbox.
 */
public final class TestSmtp {

	/** Mail for this domain is refused for good (RFC 2606 reserves {@code .invalid}). */
	public static final String REJECTED_DOMAIN = "rejected.invalid";

	private static final GreenMail SERVER = startServer();

	private TestSmtp() {
	}

	public static int port() {
		return SERVER.getSmtp().getPort();
	}

	/** Takes the SMTP server away: connections are refused until {@link #start()}. */
	public static void stop() {
		SERVER.stop();
	}

	/** Brings the server back on the same port, with the mail it had received. */
	public static void start() {
		if (!SERVER.isRunning()) {
			SERVER.start();
		}
	}

	/**
	 * Every message delivered so far into the mailbox of {@code address}: what the SMTP
	 * envelope (RCPT TO) said, not what the headers claim, so a recipient smuggled in
	 * through an injected Bcc header would show up here.
	 */
	public static List<MimeMessage> receivedBy(String address) {
		while (true) {
			try {
				return SERVER.findReceivedMessages(user -> address.equalsIgnoreCase(user.getEmail()), message -> true)
					.toList();
			}
			catch (ConcurrentModificationException delivering) {
				// GreenMail's store is not safe to read while concurrent SMTP
				// sessions deliver into it: read again
			}
		}
	}

	private static GreenMail startServer() {
		GreenMail server = new RejectingGreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-smtp-stop"));
		return server;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** GreenMail whose SMTP sessions check recipients with {@link RejectingManagers}. */
	private static final class RejectingGreenMail extends GreenMail {

		RejectingGreenMail(ServerSetup setup) {
			super(setup);
		}

		@Override
		protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
			return super.createServices(config, new RejectingManagers(managers));
		}

	}

	/**
	 * GreenMail's own stores and users, with an SMTP manager that refuses the rejected
	 * domain.
	 */
	private static final class RejectingManagers extends Managers {

		private final Managers delegate;

		private final SmtpManager smtp;

		RejectingManagers(Managers delegate) {
			this.delegate = delegate;
			this.smtp = new SmtpManager(delegate.getImapHostManager(), delegate.getUserManager()) {
				@Override
				public String checkRecipient(SmtpState state, MailAddress address) {
					if (REJECTED_DOMAIN.equalsIgnoreCase(address.getHost())) {
						return "550 5.1.1 <" + address.getEmail()
								+ ">: Recipient address rejected: mailbox unavailable";
					}
					return super.checkRecipient(state, address);
				}
			};
		}

		@Override
		public SmtpManager getSmtpManager() {
			return smtp;
		}

		@Override
		public UserManager getUserManager() {
			return delegate.getUserManager();
		}

		@Override
		public ImapHostManager getImapHostManager() {
			return delegate.getImapHostManager();
		}

	}

}
