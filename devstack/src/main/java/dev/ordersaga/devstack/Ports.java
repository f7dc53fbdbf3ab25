package dev.ordersaga.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Port helpers: pick a free port, check that a fixed one is free, and probe whether
 * something listens.
 */
public final class Ports {

	private Ports() {
	}

	/** A port that was free a moment ago on the loopback interface. */
	public static int free() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException("No free port", e);
		}
	}

	/**
	 * Fails with a message that tells how to move {@code what} to another port when
	 * {@code port} is taken.
	 */
	public static void requireFree(int port, String what) {
		if (isListening(port)) {
			throw new IllegalStateException("Port " + port + " for " + what + " is already in use (is another devstack"
					+ " running?). Stop that process or choose another port with -D" + Settings.portProperty(what)
					+ "=<port>" + " or the environment variable " + Settings.portEnvVariable(what) + ".");
		}
	}

	/** Whether a server accepts connections on {@code port} of the loopback interface. */
	public static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
			return true;
		}
		catch (IOException e) {
			return false;
		}
	}

}
