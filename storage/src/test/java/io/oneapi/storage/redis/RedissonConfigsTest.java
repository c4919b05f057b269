package io.oneapi.storage.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.config.GatewayConfig.CacheSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.config.Config;

class RedissonConfigsTest {
    private static Config of(String conn, String password, String masterName) {
        return RedissonConfigs.of(new CacheSettings(conn, password, masterName, Duration.ofSeconds(60), true, true));
    }

    @Test
    void standaloneUrlWithPasswordAndDatabase() {
        Config config = of("redis://user:secret@10.0.0.5:6380/3", "", "");
        assertTrue(config.isSingleConfig());
        assertEquals("redis://10.0.0.5:6380", config.useSingleServer().getAddress());
        assertEquals(3, config.useSingleServer().getDatabase());
        assertEquals("secret", config.getPassword());
        assertEquals("user", config.getUsername(), "an ACL user name is sent");
        assertNull(of("redis://:secret@10.0.0.5", "", "").getUsername(), "no name, no ACL user");
    }

    @Test
    void redisPasswordWinsOverTheUrlAndPortDefaults() {
        Config config = of("rediss://:inurl@cache.internal", "fromenv", "");
        assertEquals("rediss://cache.internal:6379", config.useSingleServer().getAddress());
        assertEquals(0, config.useSingleServer().getDatabase());
        assertEquals("fromenv", config.getPassword());
    }

    @Test
    void noPasswordAtAll() {
        assertNull(of("redis://127.0.0.1:6379", "", "").getPassword());
    }

    @Test
    void sentinelListWithMasterName() {
        Config config = of("10.0.0.1:26379, redis://10.0.0.2:26379,,", "pw", "mymaster");
        assertTrue(config.isSentinelConfig());
        assertEquals("mymaster", config.useSentinelServers().getMasterName());
        assertEquals(List.of("redis://10.0.0.1:26379", "redis://10.0.0.2:26379"),
                config.useSentinelServers().getSentinelAddresses());
        assertEquals("pw", config.getPassword());
    }

    @Test
    void failsFastWhileRedisIsAway() {
        Config config = of("redis://127.0.0.1:6379", "", "");
        assertEquals(2_000, config.useSingleServer().getTimeout());
        assertEquals(1, config.useSingleServer().getRetryAttempts());
        assertArrayEquals(new int[] {1, 4}, new int[] {config.useSingleServer().getConnectionMinimumIdleSize(),
                config.useSingleServer().getConnectionPoolSize()});
    }
}
