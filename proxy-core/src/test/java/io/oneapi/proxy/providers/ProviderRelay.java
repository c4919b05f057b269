package io.oneapi.proxy.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.proxy.fetch.FetchPolicy;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.proxy.testing.TestGateway;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import io.oneapi.storage.ProviderChannel;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A gateway with one provider adapter, a user with a token, and a mock upstream speaking that provider's
 * format; channels are created with the provider's settings. For the providers/ end-to-end tests.
 */
final class ProviderRelay implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long USER_QUOTA = 10_000_000;

    final MockUpstream upstream = new MockUpstream();
    final TestGateway gateway;
    final int userId;
    final String key;

    ProviderRelay(Path dir, ProviderAdapter adapter) {
        this(dir, adapter, UnaryOperator.identity());
    }

    /** With the image fetch policy adjusted, e.g. to let inline images come from a loopback server. */
    ProviderRelay(Path dir, ProviderAdapter adapter, UnaryOperator<FetchPolicy> imagePolicy) {
        gateway = TestGateway.start(dir, Map.of(), Map.of(), List.of(adapter), "", imagePolicy);
        userId = gateway.user("alice", USER_QUOTA, "default", 1);
        key = gateway.token(userId, 1_000_000, false);
    }

    /** An enabled channel of {@code type} at the mock upstream, with {@code config} as its settings JSON. */
    int channel(int type, String models, String config) {
        return channel(type, upstream.baseUrl(), models, config, "sk-provider-key");
    }

    int channel(int type, String baseUrl, String models, String config, String channelKey) {
        long now = System.currentTimeMillis() / 1000;
        return gateway.storage().channels().insert(new ProviderChannel(0, type, channelKey, 1, "ch", 0, now, 0, 0,
                baseUrl, "", 0, 0, models, "default", 0, "", 0, config, ""));
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return gateway.post(path, key, json);
    }

    MockUpstream.Received received() {
        List<MockUpstream.Received> all = upstream.received();
        assertEquals(1, all.size(), "one upstream call");
        return all.get(0);
    }

    /** The one consume log row, read after the proxy drained its billing. */
    LogEntry onlyLog() {
        gateway.stopProxy();
        List<LogEntry> logs = gateway.storage().logs().find(LogStore.LogFilter.any(), 0, 10);
        assertEquals(1, logs.size(), logs.toString());
        assertEquals(LogEntry.TYPE_CONSUME, logs.get(0).type());
        return logs.get(0);
    }

    /** Every consume log row, read after the proxy drained its billing. */
    List<LogEntry> logs() {
        gateway.stopProxy();
        return gateway.storage().logs().find(LogStore.LogFilter.any(), 0, 100);
    }

    /** The user's quota went down by exactly what the log says. */
    void assertCharged(LogEntry log) {
        assertEquals(USER_QUOTA - log.quota(), gateway.storage().users().findById(userId).orElseThrow().quota());
    }

    /** The {@code data:} payloads of an SSE body, {@code [DONE]} included. */
    static List<String> events(String body) {
        List<String> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.startsWith("data: ")) {
                events.add(block.substring(6));
            }
        }
        return events;
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    /** The concatenated delta contents of the chunks of an SSE body. */
    static String streamedText(String body) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String event : events(body)) {
            if (!event.equals("[DONE]")) {
                text.append(json(event).path("choices").path(0).path("delta").path("content").asText(""));
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        gateway.close();
        upstream.close();
    }
}
