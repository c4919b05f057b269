package io.oneapi.admin.auth;

import io.oneapi.config.GatewayConfig;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import java.net.URI;
import java.util.Arrays;

/**
 * A Redisson client for {@code REDIS_CONN_STRING} in One API's forms: a {@code redis://[user:password@]host:port[/db]}
 * URL, or with {@code REDIS_MASTER_NAME} a comma list of sentinel addresses. {@code REDIS_PASSWORD} wins over a
 * password in the URL.
 */
public final class RedisConnection {
    private RedisConnection() {
    }

    public static RedissonClient open(GatewayConfig.CacheSettings cache) {
        Config config = new Config();
        String conn = cache.redisConnString().trim();
        if (!cache.redisMasterName().isBlank()) {
            String[] addresses = Arrays.stream(conn.split(",")).map(String::trim).filter(a -> !a.isEmpty())
                    .map(a -> a.contains("://") ? a : "redis://" + a).toArray(String[]::new);
            config.useSentinelServers().setMasterName(cache.redisMasterName()).addSentinelAddress(addresses);
            if (!cache.redisPassword().isEmpty()) {
                config.setPassword(cache.redisPassword());
            }
            return Redisson.create(config);
        }
        URI uri = URI.create(conn.contains("://") ? conn : "redis://" + conn);
        String password = cache.redisPassword();
        if (password.isEmpty() && uri.getUserInfo() != null) {
            String info = uri.getUserInfo();
            password = info.contains(":") ? info.substring(info.indexOf(':') + 1) : info;
        }
        int database = 0;
        String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
        if (!path.isEmpty()) {
            database = Integer.parseInt(path);
        }
        config.useSingleServer()
                .setAddress(uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort()))
                .setDatabase(database);
        if (!password.isEmpty()) {
            config.setPassword(password);
        }
        return Redisson.create(config);
    }
}
