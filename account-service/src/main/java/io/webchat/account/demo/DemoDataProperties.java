package io.webchat.account.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether to create the demo users alice, bob and carol (passwords
 *        {@code alice-secret}, {@code bob-secret}, {@code carol-secret}), their friendships and
 *        their group, when they do not exist yet. The run command turns it on; compose only
 *        when {@code DEMO_DATA=true}.
 */
@ConfigurationProperties("webchat.demo-data")
public record DemoDataProperties(@DefaultValue("false") boolean enabled) {
}
