package dev.ordersaga.devstack.load;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;

/**
 * Reads the mails the SMTP server of this JVM received, with the time it received each
 * ({@link StoredMessage#getReceivedDate()}), so it can be read once after a step instead
 * of polled during it. email-fn's Message-ID is {@code <orderId.kind-slug@domain>}.
 */
final class GreenMailWatch implements MailWatch {

	private static final Set<String> COMPLETION_SLUGS = Set.of("payment-completed", "order-completed");

	private final Supplier<GreenMail> greenMail;

	GreenMailWatch(Supplier<GreenMail> greenMail) {
		this.greenMail = greenMail;
	}

	@Override
	public Map<String, Long> bothMailsReceived(Collection<String> orderIds) {
		Set<String> wanted = orderIds instanceof Set<String> set ? set : new HashSet<>(orderIds);
		Map<String, Integer> counts = new HashMap<>();
		Map<String, Long> latest = new HashMap<>();
		for (StoredMessage message : greenMail.get().getManagers().getImapHostManager().getAllMessages()) {
			String messageId = messageId(message);
			int at = messageId == null ? -1 : messageId.indexOf('@');
			int dot = at < 0 ? -1 : messageId.lastIndexOf('.', at);
			if (dot <= 1 || !COMPLETION_SLUGS.contains(messageId.substring(dot + 1, at))) {
				continue;
			}
			String orderId = messageId.substring(1, dot);
			if (wanted.contains(orderId)) {
				counts.merge(orderId, 1, Integer::sum);
				latest.merge(orderId, TimeUnit.MILLISECONDS.toMicros(message.getReceivedDate().getTime()), Math::max);
			}
		}
		latest.keySet().removeIf(orderId -> counts.get(orderId) < 2);
		return latest;
	}

	private static String messageId(StoredMessage message) {
		try {
			return message.getMimeMessage().getMessageID();
		}
		catch (MessagingException ex) {
			return null;
		}
	}

	@Override
	public String source() {
		return "GreenMail's receive time (SMTP server in the load JVM)";
	}

	@Override
	public void forget() {
		try {
			greenMail.get().purgeEmailFromAllMailboxes();
		}
		catch (com.icegreen.greenmail.store.FolderException ex) {
			throw new IllegalStateException("Cannot purge the received mail", ex);
		}
	}

}
