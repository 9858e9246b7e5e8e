package io.webchat.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a loopback port in front of a real service (the database a test may not
 * stop for everybody), which a test cuts — open connections reset, new ones refused, as when
 * the service's machine goes away — and restores on the same port.
 */
public final class CuttableTcpProxy implements AutoCloseable {

	private final InetSocketAddress target;

	private final int port;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket listening;

	private CuttableTcpProxy(InetSocketAddress target, int port) {
		this.target = target;
		this.port = port;
	}

	/** A proxy to {@code host:port}, forwarding from a free loopback port. */
	public static CuttableTcpProxy to(String host, int port) {
		try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			CuttableTcpProxy proxy = new CuttableTcpProxy(new InetSocketAddress(host, port), probe.getLocalPort());
			probe.close();
			proxy.restore();
			return proxy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/** Resets every open connection and refuses new ones until {@link #restore()}. */
	public synchronized void cut() {
		ServerSocket server = this.listening;
		this.listening = null;
		closeQuietly(server);
		this.open.forEach(CuttableTcpProxy::reset);
		this.open.clear();
	}

	/** Accepts and forwards connections again, on the same port; nothing if it does already. */
	public synchronized void restore() {
		if (this.listening != null) {
			return;
		}
		try {
			ServerSocket server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
			this.listening = server;
			Thread.ofVirtual().name("proxy-accept-" + this.port).start(() -> accept(server));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		cut();
	}

	private void accept(ServerSocket server) {
		while (this.listening == server) {
			try {
				Socket client = server.accept();
				this.open.add(client);
				Thread.ofVirtual().start(() -> connect(client));
			}
			catch (IOException ex) {
				// the listening socket was closed by cut()
			}
		}
	}

	/**
	 * Forwards one connection; when the service refuses it (it is down behind the proxy), the
	 * client's connection is reset, as a refused connection would be, rather than left open
	 * with nobody answering.
	 */
	private void connect(Socket client) {
		Socket service = new Socket();
		try {
			service.connect(this.target, 2000);
		}
		catch (IOException ex) {
			this.open.remove(client);
			reset(client);
			return;
		}
		this.open.add(service);
		if (this.listening == null) {
			// cut while this connection was being made: it goes with the others
			this.open.remove(client);
			this.open.remove(service);
			reset(client);
			reset(service);
			return;
		}
		Thread.ofVirtual().start(() -> pump(client, service));
		Thread.ofVirtual().start(() -> pump(service, client));
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side went away: the other goes too
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.open.remove(from);
			this.open.remove(to);
		}
	}

	/** Closes with a TCP reset, as a connection to a machine that went away ends. */
	private static void reset(Socket socket) {
		try {
			socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// closed already
		}
		closeQuietly(socket);
	}

	private static void closeQuietly(AutoCloseable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// nothing left to do
			}
		}
	}
}
