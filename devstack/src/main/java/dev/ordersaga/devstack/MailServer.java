package dev.ordersaga.devstack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.mail.internet.MimeMessage;

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

	private volatile GreenMail greenMail;

	/** What the instances before the last {@link #restart()} received. */
	private final List<MimeMessage> earlier = new CopyOnWriteArrayList<>();

	private final int smtpPort;

	private final int imapPort;

	/** Port 0 picks a free port. */
	public MailServer(int smtpPort, int imapPort) {
		if (smtpPort != 0) {
			Ports.requireFree(smtpPort, SMTP);
		}
		if (imapPort != 0) {
			Ports.requireFree(imapPort, IMAP);
		}
		greenMail = started(smtpPort, imapPort);
		this.smtpPort = greenMail.getSmtp().getPort();
		this.imapPort = greenMail.getImap().getPort();
		log.info("SMTP listening on port {}, IMAP on port {}", this.smtpPort, this.imapPort);
	}

	private static GreenMail started(int smtpPort, int imapPort) {
		ServerSetup smtp = setup(smtpPort, ServerSetup.PROTOCOL_SMTP);
		ServerSetup imap = setup(imapPort, ServerSetup.PROTOCOL_IMAP);
		GreenMail server = new GreenMail(new ServerSetup[] { smtp, imap })
			// any login reads the mailbox of that address, which GreenMail creates on the
			// first mail to it
			.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
		server.start();
		return server;
	}

	/**
	 * Takes the mail server down (an outage of the SMTP relay); nothing listens on its
	 * ports meanwhile.
	 */
	public synchronized void stop() {
		greenMail.stop();
	}

	/**
	 * Brings the mail server back on the same ports after {@link #stop()}, with empty
	 * mailboxes (GreenMail keeps mail in memory only).
	 */
	public synchronized void restart() {
		if (greenMail.isRunning()) {
			greenMail.stop();
		}
		earlier.addAll(Arrays.asList(greenMail.getReceivedMessages()));
		greenMail = started(smtpPort, imapPort);
		log.info("SMTP back on port {}", smtpPort);
	}

	public boolean isRunning() {
		return greenMail.isRunning();
	}

	private static ServerSetup setup(int port, String protocol) {
		ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
		return port == 0 ? setup.dynamicPort() : setup;
	}

	public int smtpPort() {
		return smtpPort;
	}

	public int imapPort() {
		return imapPort;
	}

	/**
	 * The GreenMail instance, e.g. for {@code waitForIncomingEmail} or
	 * {@code getReceivedMessages()}.
	 */
	public GreenMail greenMail() {
		return greenMail;
	}

	/**
	 * Every mail received since this server was created, across outages and restarts
	 * (unlike {@code greenMail().getReceivedMessages()}, which restarts empty).
	 */
	public synchronized List<MimeMessage> receivedMessages() {
		List<MimeMessage> all = new ArrayList<>(earlier);
		all.addAll(Arrays.asList(greenMail.getReceivedMessages()));
		return all;
	}

	@Override
	public void close() {
		greenMail.stop();
	}

}
