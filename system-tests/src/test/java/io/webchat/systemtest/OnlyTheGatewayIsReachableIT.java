package io.webchat.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.webchat.launcher.ServiceProcess;
import io.webchat.launcher.WebchatSettings;
import io.webchat.launcher.WebchatSystem;
import io.webchat.testsupport.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Started as the run command starts it (WebchatSystem, an H2 file, a Redis of its own), the
 * system can be reached from outside the machine only through the gateway: account-service and
 * the chat instances listen on the loopback interface alone. "Outside" is this machine's own
 * non-loopback address, which a connection from another machine would reach. A system of its
 * own, not the shared one: other tests restart services in that one their own way.
 */
class OnlyTheGatewayIsReachableIT {

	private static RedisServerProcess redis;

	private static WebchatSystem webchat;

	@BeforeAll
	static void startAsTheRunCommandDoes() {
		redis = RedisServerProcess.start();
		List<Integer> ports = freePorts(4);
		webchat = WebchatSystem.start(new WebchatSettings(RunningWebchat.MODULE_DIRECTORY.getParent(), redis.url(),
				Map.of(), ports.get(0), ports.get(1), ports.subList(2, 4),
				RunningWebchat.MODULE_DIRECTORY.resolve("target").resolve("only-the-gateway"), false, Map.of()));
	}

	@AfterAll
	static void stop() {
		if (webchat != null) {
			webchat.close();
		}
		redis.close();
	}

	@Test
	void fromAnotherMachineOnlyTheGatewayAcceptsAConnection() throws SocketException {
		InetAddress outside = nonLoopbackAddress();
		List<ServiceProcess> services = new ArrayList<>(webchat.chatServices());
		services.add(webchat.accountService());

		assertThat(accepts(outside, webchat.gateway().port())).as("the gateway at %s", outside).isTrue();
		for (ServiceProcess service : services) {
			assertThat(accepts(outside, service.port())).as("%s at %s", service.name(), outside).isFalse();
			assertThat(accepts(InetAddress.getLoopbackAddress(), service.port())).as("%s at 127.0.0.1", service.name())
				.isTrue();
		}
	}

	private static boolean accepts(InetAddress address, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 2000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static InetAddress nonLoopbackAddress() throws SocketException {
		return NetworkInterface.networkInterfaces()
			.filter((network) -> {
				try {
					return network.isUp() && !network.isLoopback();
				}
				catch (SocketException ex) {
					return false;
				}
			})
			.flatMap(NetworkInterface::inetAddresses)
			.filter((address) -> address instanceof Inet4Address && !address.isLinkLocalAddress())
			.findFirst()
			.orElseThrow(() -> new AssertionError("this machine has no non-loopback IPv4 address to try from"));
	}

	private static List<Integer> freePorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				sockets.add(new ServerSocket(0));
			}
			return sockets.stream().map(ServerSocket::getLocalPort).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// the port is free either way
				}
			}
		}
	}
}
