package io.webchat.gateway.client;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import io.netty.util.NetUtil;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The address a client is counted by in the gateway's limits (failed logins, sign-ups).
 *
 * <p>It is the connection's peer, unless that peer is a trusted proxy: then
 * {@code X-Forwarded-For} is read from the right, each trusted proxy's entry skipped, and the
 * first entry no trusted proxy wrote is the client. Entries left of it were written by the client
 * itself and are never read. An IPv6 client is counted by its /64 network: one subscriber is
 * given a whole /64, and counting single addresses would give it 2^64 fresh counts.
 */
@Component
public class ClientAddresses {

	static final String X_FORWARDED_FOR = "X-Forwarded-For";

	private final List<AddressRange> trustedProxies;

	public ClientAddresses(ClientAddressProperties properties) {
		this.trustedProxies = properties.trustedProxies().stream().map(AddressRange::parse).toList();
	}

	/** The client's address as counted, or {@code "unknown"} when the request has no peer. */
	public String countedAddressOf(ServerHttpRequest request) {
		InetSocketAddress peer = request.getRemoteAddress();
		if (peer == null || peer.getAddress() == null) {
			return "unknown";
		}
		InetAddress client = peer.getAddress();
		if (isTrustedProxy(client)) {
			List<String> hops = request.getHeaders().getValuesAsList(X_FORWARDED_FOR);
			for (int i = hops.size() - 1; i >= 0; i--) {
				// a literal address or nothing: a name here would cost a DNS lookup per request
				InetAddress hop = NetUtil.createInetAddressFromIpAddressString(hops.get(i).strip());
				if (hop == null) {
					break;
				}
				client = hop;
				if (!isTrustedProxy(hop)) {
					break;
				}
			}
		}
		return counted(client);
	}

	private boolean isTrustedProxy(InetAddress address) {
		return this.trustedProxies.stream().anyMatch((proxy) -> proxy.contains(address));
	}

	private static String counted(InetAddress address) {
		if (address instanceof Inet6Address) {
			byte[] network = address.getAddress();
			for (int i = 8; i < network.length; i++) {
				network[i] = 0;
			}
			return NetUtil.bytesToIpAddress(network) + "/64";
		}
		return address.getHostAddress();
	}

	/** An address ({@code 10.0.0.7}) or a CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}). */
	private record AddressRange(byte[] network, int prefixLength) {

		static AddressRange parse(String range) {
			String[] parts = range.strip().split("/", 2);
			byte[] network = NetUtil.createByteArrayFromIpAddressString(parts[0]);
			if (network == null) {
				throw new IllegalArgumentException(
						"webchat.gateway.client-address.trusted-proxies: not an address or CIDR range: " + range);
			}
			int prefixLength = (parts.length == 2) ? Integer.parseInt(parts[1]) : network.length * 8;
			if (prefixLength < 0 || prefixLength > network.length * 8) {
				throw new IllegalArgumentException(
						"webchat.gateway.client-address.trusted-proxies: bad prefix length in " + range);
			}
			return new AddressRange(network, prefixLength);
		}

		boolean contains(InetAddress address) {
			byte[] candidate = address.getAddress();
			if (candidate.length != this.network.length) {
				return false;
			}
			for (int bit = 0; bit < this.prefixLength; bit++) {
				int mask = 0x80 >>> (bit % 8);
				if ((candidate[bit / 8] & mask) != (this.network[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}
	}
}
