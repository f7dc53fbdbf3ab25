package dev.ordersaga.devstack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GreenMail in this JVM: an SMTP server that accepts any sender and recipient and keeps
 * every mail, readable through IMAP (log in as the recipient address with any password)
 * or the GreenMail API ({@link #greenMail()}).
 */
public final class MailServer implements AutoCloseable {

	public static final String SMTP = "smtp";

	public static final String IMAP = "imap";

	private static final Logger log = LoggerFactory.getLogger(MailServer.class);

	private final GreenMail greenMail;

	/** Port 0 picks a free port. */
	public MailServer(int smtpPort, int imapPort) {
		if (smtpPort != 0) {
			Ports.requireFree(smtpPort, SMTP);
		}
		if (imapPort != 0) {
			Ports.requireFree(imapPort, IMAP);
		}
		ServerSetup smtp = setup(smtpPort, ServerSetup.PROTOCOL_SMTP);
		ServerSetup imap = setup(imapPort, ServerSetup.PROTOCOL_IMAP);
		greenMail = new GreenMail(new ServerSetup[] { smtp, imap })
			// any login reads the mailbox of that address, which GreenMail creates on the
			// first mail to it
			.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
		greenMail.start();
		log.info("SMTP listening on port {}, IMAP on port {}", smtpPort(), imapPort());
	}

	private static ServerSetup setup(int port, String protocol) {
		ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
		return port == 0 ? setup.dynamicPort() : setup;
	}

	public int smtpPort() {
		return greenMail.getSmtp().getPort();
	}

	public int imapPort() {
		return greenMail.getImap().getPort();
	}

	/**
	 * The GreenMail instance, e.g. for {@code waitForIncomingEmail} or
	 * {@code getReceivedMessages()}.
	 */
	public GreenMail greenMail() {
		return greenMail;
	}

	@Override
	public void close() {
		greenMail.stop();
	}

}
