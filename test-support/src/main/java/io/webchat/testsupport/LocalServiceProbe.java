package io.webchat.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Without Docker the tests use the machine's own Redis / MySQL. This checks they answer before
 * any bean touches them, so that a missing service fails the run with a message that says what
 * to do, instead of a connection stack trace (and never with a silent skip).
 */
class LocalServiceProbe implements BeanFactoryPostProcessor, EnvironmentAware {

	private final String service;

	private final String urlProperty;

	private final int defaultPort;

	private Environment environment;

	LocalServiceProbe(String service, String urlProperty, int defaultPort) {
		this.service = service;
		this.urlProperty = urlProperty;
		this.defaultPort = defaultPort;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		String url = this.environment.getRequiredProperty(this.urlProperty);
		URI uri = URI.create(url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url);
		String host = uri.getHost();
		int port = (uri.getPort() != -1) ? uri.getPort() : this.defaultPort;
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 2000);
		}
		catch (IOException ex) {
			throw new IllegalStateException("No Docker for Testcontainers and no " + this.service + " at " + host + ":"
					+ port + " (" + this.urlProperty + "). Start Docker, or start " + this.service
					+ " locally (./test.sh starts an installed one that is down), or point the TEST_* variables at one.", ex);
		}
	}
}
