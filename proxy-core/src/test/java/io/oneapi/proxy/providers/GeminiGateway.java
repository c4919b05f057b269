package io.oneapi.proxy.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.plugin.gemini.GoogleAdapter;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.proxy.testing.TestGateway;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import io.oneapi.storage.ProviderChannel;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real gateway with the Google adapter, a user with a token and an in-process upstream that speaks
 * Gemini (and, for Vertex, the OAuth token endpoint too). For the Gemini and Vertex end-to-end tests.
 */
final class GeminiGateway implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long USER_QUOTA = 10_000_000;

    final MockUpstream upstream = new MockUpstream();
    final TestGateway gateway;
    final int userId;
    final String key;

    GeminiGateway(Path dir, Map<String, String> env, Map<String, String> options) {
        gateway = TestGateway.start(dir, env, options, List.of(new GoogleAdapter()));
        userId = gateway.user("alice", USER_QUOTA, "default", 1);
        key = gateway.token(userId, 1_000_000, false);
    }

    /** An enabled channel at the mock upstream; returns its id. */
    int channel(int type, String models, String channelKey, String config) {
        return channel(type, models, channelKey, config, 0);
    }

    /** An enabled channel at the mock upstream, tried before channels of a lower priority; returns its id. */
    int channel(int type, String models, String channelKey, String config, long priority) {
        long now = System.currentTimeMillis() / 1000;
        return gateway.storage().channels().insert(new ProviderChannel(0, type, channelKey, 1, "ch-" + channelKey,
                0, now, 0, 0, upstream.baseUrl(), "", 0, 0, models, "default", 0, "", priority, config, ""));
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return gateway.post(path, key, json);
    }

    /** The consume logs, read after the proxy drained its billing. */
    List<LogEntry> logs() {
        gateway.stopProxy();
        return gateway.storage().logs().find(LogStore.LogFilter.any(), 0, 10);
    }

    LogEntry onlyLog() {
        List<LogEntry> logs = logs();
        assertEquals(1, logs.size(), logs.toString());
        assertEquals(LogEntry.TYPE_CONSUME, logs.get(0).type());
        return logs.get(0);
    }

    /** Waits (with a deadline) until the channel has {@code status}; returns the last status seen. */
    int awaitChannelStatus(int channelId, int status) {
        long deadline = System.currentTimeMillis() + 5_000;
        int seen = -1;
        while (System.currentTimeMillis() < deadline) {
            seen = gateway.storage().channels().findById(channelId).orElseThrow().status();
            if (seen == status) {
                break;
            }
            Thread.onSpinWait();
        }
        return seen;
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    /** The {@code data:} payloads of an SSE body, {@code [DONE]} included. */
    static List<String> events(String body) {
        return body.lines().filter(line -> line.startsWith("data: ")).map(line -> line.substring(6)).toList();
    }

    @Override
    public void close() {
        gateway.close();
        upstream.close();
    }
}
