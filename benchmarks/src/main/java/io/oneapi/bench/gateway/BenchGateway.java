package io.oneapi.bench.gateway;

import io.oneapi.bench.fixture.ChatFixtures;
import io.oneapi.plugin.openai.OpenAiAdapter;
import io.oneapi.proxy.testing.TestGateway;
import io.oneapi.storage.User;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The gateway as benchmarks run it: a real {@code ProxyServer} over a fresh SQLite database (through the
 * relay's own test harness), the OpenAI adapter registered directly, one OpenAI channel to the mock upstream,
 * a common user and a limited token with ample quota. Auth and billing are on: every request is
 * authenticated, reserves quota on user and token, and is settled and logged.
 */
public final class BenchGateway implements AutoCloseable {
    private static final long QUOTA = 1_000_000_000_000_000L;

    private final TestGateway gateway;
    private final String key;

    private BenchGateway(TestGateway gateway, String key) {
        this.gateway = gateway;
        this.key = key;
    }

    /**
     * @param env gateway settings (as environment variables), e.g. {@code PORT} or {@code BATCH_UPDATE_ENABLED}
     */
    public static BenchGateway start(Path dir, String upstreamBaseUrl, Map<String, String> env) {
        return start(dir, upstreamBaseUrl, env, Map.of());
    }

    /** As above, with options (e.g. {@code LogConsumeEnabled}) stored before the gateway loads them. */
    public static BenchGateway start(Path dir, String upstreamBaseUrl, Map<String, String> env,
                                     Map<String, String> options) {
        TestGateway gateway = TestGateway.start(dir, env, options, List.of(new OpenAiAdapter()));
        try {
            int user = gateway.user("bench", QUOTA, "default", User.ROLE_COMMON);
            String key = gateway.token(user, QUOTA, false);
            gateway.channel(upstreamBaseUrl, ChatFixtures.MODEL, 0, 1);
            BenchGateway bench = new BenchGateway(gateway, key);
            bench.awaitReady(Duration.ofSeconds(15));
            return bench;
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    public int port() {
        return gateway.port();
    }

    /** The token clients send as {@code Authorization: Bearer sk-<key>}. */
    public String key() {
        return key;
    }

    /** Channels created after start reach the router through a change signal: wait until one request relays. */
    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = gateway.http().send(HttpRequest.newBuilder(
                                URI.create(gateway.url(ChatFixtures.PATH)))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer sk-" + key)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(ChatFixtures.chatRequest(false)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (java.io.IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the gateway", e);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // poll politely until the deadline
        }
        throw new IllegalStateException("gateway not relaying after " + timeout + ": " + last);
    }

    /** Stops the proxy (draining billing), then the database. */
    @Override
    public void close() {
        gateway.close();
    }
}
