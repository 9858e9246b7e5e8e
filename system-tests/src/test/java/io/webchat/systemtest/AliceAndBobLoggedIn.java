package io.webchat.systemtest;

import io.webchat.systemtest.RunningWebchat.Webchat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The running system with the demo users Alice and Bob logged in through the gateway, for the
 * tests that break a part of it under them. Their ids are read before anything is broken.
 */
@ExtendWith(RunningWebchat.class)
abstract class AliceAndBobLoggedIn {

	static Webchat webchat;

	static GatewayUser alice;

	static GatewayUser bob;

	static long aliceId;

	static long bobId;

	@BeforeAll
	static void logInAliceAndBob(Webchat runningWebchat) {
		webchat = runningWebchat;
		alice = GatewayUser.loggedIn(webchat.gatewayUrl(), "alice", "alice-secret");
		bob = GatewayUser.loggedIn(webchat.gatewayUrl(), "bob", "bob-secret");
		aliceId = alice.id();
		bobId = bob.id();
	}
}
