package io.oneapi.admin.auth;

import io.oneapi.config.GatewayConfig;
import io.oneapi.storage.redis.RedissonConfigs;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

/**
 * A Redisson client for {@code REDIS_CONN_STRING} in One API's forms (see {@link RedissonConfigs}: a URL, or with
 * {@code REDIS_MASTER_NAME} a comma list of sentinel addresses; {@code REDIS_PASSWORD} wins over a password in the
 * URL), with the same short timeouts as the change signal so a request never waits long on a missing Redis.
 */
public final class RedisConnection {
    private RedisConnection() {
    }

    public static RedissonClient open(GatewayConfig.CacheSettings cache) {
        return Redisson.create(RedissonConfigs.of(cache));
    }
}
