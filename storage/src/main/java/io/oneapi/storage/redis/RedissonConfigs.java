package io.oneapi.storage.redis;

import io.oneapi.config.GatewayConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import org.redisson.config.BaseConfig;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.EqualJitterDelay;

/**
 * Redisson settings for {@code REDIS_CONN_STRING} in One API's forms: a {@code redis://} or {@code rediss://} URL
 * ({@code [user:password@]host[:port][/db]}), or with {@code REDIS_MASTER_NAME} a comma list of sentinel addresses.
 * {@code REDIS_PASSWORD} wins over a password in the URL.
 *
 * <p>Tuned for a gateway that must not wait on Redis: commands fail within about a second while Redis is away
 * (callers fall back to memory), lost connections are retried at most a second apart so pub/sub resubscribes soon
 * after Redis returns, and the pools and threads are small (the gateway makes few Redis calls).
 */
public final class RedissonConfigs {
    private static final int TIMEOUT_MILLIS = 2_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int PING_MILLIS = 5_000;

    private RedissonConfigs() {
    }

    public static Config of(GatewayConfig.CacheSettings cache) {
        Config config = new Config();
        config.setThreads(2);
        config.setNettyThreads(4);
        String conn = cache.redisConnString().trim();
        if (!cache.redisMasterName().isBlank()) {
            String[] addresses = Arrays.stream(conn.split(",")).map(String::trim).filter(a -> !a.isEmpty())
                    .map(a -> a.contains("://") ? a : "redis://" + a).toArray(String[]::new);
            tune(config.useSentinelServers().setMasterName(cache.redisMasterName()).addSentinelAddress(addresses)
                    .setMasterConnectionMinimumIdleSize(1).setMasterConnectionPoolSize(4)
                    .setSlaveConnectionMinimumIdleSize(1).setSlaveConnectionPoolSize(4)
                    .setSubscriptionConnectionMinimumIdleSize(1).setSubscriptionConnectionPoolSize(2));
            if (!cache.redisPassword().isEmpty()) {
                config.setPassword(cache.redisPassword());
            }
            return config;
        }
        URI uri = URI.create(conn.contains("://") ? conn : "redis://" + conn);
        String password = cache.redisPassword();
        String username = "";
        if (uri.getUserInfo() != null) {
            // redis://user:password@host, as Go's redis.ParseURL reads it: a user name is a Redis 6 ACL user.
            String info = uri.getUserInfo();
            int colon = info.indexOf(':');
            username = colon < 0 ? "" : info.substring(0, colon);
            if (password.isEmpty()) {
                password = colon < 0 ? info : info.substring(colon + 1);
            }
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
        int database = path.isEmpty() ? 0 : Integer.parseInt(path);
        tune(config.useSingleServer()
                .setAddress(uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort()))
                .setDatabase(database)
                .setConnectionMinimumIdleSize(1).setConnectionPoolSize(4)
                .setSubscriptionConnectionMinimumIdleSize(1).setSubscriptionConnectionPoolSize(2));
        if (!password.isEmpty()) {
            config.setPassword(password);
        }
        if (!username.isEmpty()) {
            config.setUsername(username);
        }
        return config;
    }

    private static void tune(BaseConfig<?> server) {
        server.setTimeout(TIMEOUT_MILLIS)
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setRetryAttempts(1)
                .setRetryDelay(new ConstantDelay(Duration.ofMillis(500)))
                .setReconnectionDelay(new EqualJitterDelay(Duration.ofMillis(100), Duration.ofSeconds(1)))
                .setPingConnectionInterval(PING_MILLIS);
    }
}
