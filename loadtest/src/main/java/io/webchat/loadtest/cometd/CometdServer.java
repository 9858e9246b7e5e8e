package io.webchat.loadtest.cometd;

import org.cometd.server.http.JSONHttpTransport;
import org.cometd.server.http.jakarta.CometDServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The benchmark's peer: a plain CometD server — its servlet on embedded Jetty, long polling
 * only — that the same simulated users drive with the same scenarios as webchat. It runs in a
 * JVM of its own (see {@link CometdPeer}) so that its memory and CPU are measured apart from
 * the load tool's, as webchat's services are.
 * <p>
 * Users talk to each other through channels: user {@code u} subscribes to {@code /user/u},
 * members of group {@code g} to {@code /group/g}, and a message is a publish to the
 * recipient's channel. CometD's default security policy lets any handshaken remote client
 * create, publish to and subscribe to such (non-meta) channels, so none is installed.
 * <p>
 * Arguments: the port, and the long-poll timeout in milliseconds (default 25,000).
 */
public final class CometdServer {

	/** Printed once the server accepts handshakes, which {@link CometdPeer} waits for. */
	static final String LISTENING = "CometD listening on";

	/** webchat's default poll timeout, so both systems answer an idle poll equally often. */
	static final int DEFAULT_POLL_TIMEOUT_MILLIS = 25_000;

	/**
	 * How long a session outlives a poll that does not come back: a poll that comes late (the
	 * load tool busy, a back-off after an error) should find its session and subscriptions
	 * still there, as a webchat client finds its inbox, rather than show up as a re-handshake.
	 */
	private static final int SESSION_GRACE_MILLIS = 60_000;

	private CometdServer() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		int pollTimeoutMillis = (args.length > 1) ? Integer.parseInt(args[1]) : DEFAULT_POLL_TIMEOUT_MILLIS;
		Server server = newServer(port, pollTimeoutMillis);
		server.start();
		System.out.println(LISTENING + " http://127.0.0.1:" + port + "/cometd");
		server.join();
	}

	static Server newServer(int port, int pollTimeoutMillis) {
		Server server = new Server();
		HttpConfiguration http = new HttpConfiguration();
		// no header cache per connection: it keeps about 96 KB with every open connection, and
		// each of the N users holds two; webchat's chat-service turns it off too
		http.setHeaderCacheSize(0);
		ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
		connector.setHost("127.0.0.1");
		connector.setPort(port);
		// above the poll timeout, or Jetty would close a connection while its poll is held
		connector.setIdleTimeout(pollTimeoutMillis + 30_000L);
		server.addConnector(connector);

		ServletContextHandler context = new ServletContextHandler("/");
		ServletHolder cometd = new ServletHolder("cometd", CometDServlet.class);
		// long polling only, as webchat's clients poll: no WebSocket, no JSONP callback polling
		cometd.setInitParameter("transports", JSONHttpTransport.class.getName());
		// how long a /meta/connect is held without messages: webchat's long poll timeout
		cometd.setInitParameter("timeout", Integer.toString(pollTimeoutMillis));
		// poll again at once after an answer, as webchat's clients do
		cometd.setInitParameter("interval", "0");
		// a session expires only this long after its last poll was answered
		cometd.setInitParameter("maxInterval", Integer.toString(pollTimeoutMillis + SESSION_GRACE_MILLIS));
		// no limit on held polls per browser (its BAYEUX_BROWSER cookie; beyond the default of 1
		// a poll is answered at once): each user's client keeps a cookie of its own, but users
		// sharing one, as from one browser, must not turn their polls into a busy loop
		cometd.setInitParameter("maxSessionsPerBrowser", "-1");
		// each session's queue lives in memory only and is unbounded (CometD persists nothing, and
		// without the acknowledgement extension a message is dropped once written to a poll)
		cometd.setInitParameter("maxQueue", "-1");
		// start the Bayeux server with the context, before the connector accepts the first poll
		cometd.setInitOrder(1);
		cometd.setAsyncSupported(true);
		context.addServlet(cometd, "/cometd/*");
		server.setHandler(context);
		return server;
	}

}
