package io.webchat.gateway.client;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whose word the gateway takes for a client's address.
 *
 * @param trustedProxies addresses or CIDR ranges ({@code 10.0.0.0/8}) of the reverse proxies in
 *        front of the gateway. Only a connection from one of them may name the client in
 *        {@code X-Forwarded-For}; empty (the default) means no proxy, so the header is ignored
 *        and the connection's own address is the client's. Any client can write the header, so
 *        believing it from anyone would let each request pick a fresh address to be counted by
 */
@ConfigurationProperties("webchat.gateway.client-address")
public record ClientAddressProperties(@DefaultValue List<String> trustedProxies) {
}
