package io.webchat.gateway.client;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressesTests {

	private static final ClientAddresses NO_PROXY = new ClientAddresses(new ClientAddressProperties(List.of()));

	private static final ClientAddresses BEHIND_PROXIES = new ClientAddresses(
			new ClientAddressProperties(List.of("10.0.0.0/8", "192.0.2.7")));

	private static MockServerHttpRequest.BaseBuilder<?> from(String peer) {
		return MockServerHttpRequest.post("/api/session").remoteAddress(new InetSocketAddress(peer, 40000));
	}

	@Test
	void withoutATrustedProxyTheConnectionsAddressIsTheClientsAndTheHeaderIsIgnored() {
		MockServerHttpRequest request = from("203.0.113.5").header("X-Forwarded-For", "198.51.100.1").build();

		assertThat(NO_PROXY.countedAddressOf(request)).isEqualTo("203.0.113.5");
	}

	@Test
	void aTrustedProxysLastEntryNamesTheClient() {
		MockServerHttpRequest request = from("10.1.2.3").header("X-Forwarded-For", "198.51.100.1").build();

		assertThat(BEHIND_PROXIES.countedAddressOf(request)).isEqualTo("198.51.100.1");
	}

	@Test
	void entriesTheClientWroteItselfLeftOfTheProxysAreNeverRead() {
		MockServerHttpRequest request = from("10.1.2.3")
			.header("X-Forwarded-For", "1.1.1.1, 2.2.2.2, 198.51.100.1, 10.9.9.9")
			.build();

		assertThat(BEHIND_PROXIES.countedAddressOf(request)).isEqualTo("198.51.100.1");
	}

	@Test
	void aClientThatBypassesTheProxyCannotNameItselfInTheHeader() {
		MockServerHttpRequest request = from("203.0.113.5").header("X-Forwarded-For", "198.51.100.1").build();

		assertThat(BEHIND_PROXIES.countedAddressOf(request)).isEqualTo("203.0.113.5");
	}

	@Test
	void anEntryThatIsNoAddressEndsTheSearchAtTheLastTrustedHop() {
		MockServerHttpRequest request = from("192.0.2.7").header("X-Forwarded-For", "1.1.1.1, unknown").build();

		assertThat(BEHIND_PROXIES.countedAddressOf(request)).isEqualTo("192.0.2.7");
	}

	@Test
	void anIpv6ClientIsCountedByItsSlash64() {
		MockServerHttpRequest one = from("2001:db8:1:2::17").build();
		MockServerHttpRequest other = from("2001:db8:1:2:aaaa:bbbb:cccc:dddd").build();

		assertThat(NO_PROXY.countedAddressOf(one)).isEqualTo(NO_PROXY.countedAddressOf(other))
			.isEqualTo("2001:db8:1:2::/64");
	}

	@Test
	void aTrustedProxyThatIsNoAddressIsRefusedAtStartUp() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClientAddresses(new ClientAddressProperties(List.of("proxy.example"))));
	}
}
