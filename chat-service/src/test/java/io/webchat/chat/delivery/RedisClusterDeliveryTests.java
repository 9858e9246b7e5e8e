package io.webchat.chat.delivery;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole delivery contract against a real three-master Redis Cluster: every script and
 * multi-key command touches one hash slot, and a group fan-out spans them all.
 */
class RedisClusterDeliveryTests extends DeliveryGuaranteesContract {

	@DynamicPropertySource
	static void cluster(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.cluster.nodes", () -> LocalRedisCluster.startOnce().nodes());
	}

	@Test
	void runsOnAClusterOfThreeMasters() {
		assertThat(this.redis.sync().clusterInfo()).contains("cluster_state:ok", "cluster_size:3");
	}
}
