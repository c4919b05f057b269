package io.oneapi.admin.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpServer;
import io.oneapi.storage.Storage;
import io.oneapi.storage.options.LiveOptions;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notifier the launcher gives the relay: delivered at once, on the caller's thread, in One API's wording. */
class RootNotifierTest {
    private TestDatabase db;
    private Storage storage;
    private HttpServer pusher;
    private final List<JsonNode> pushed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        db = TestDatabases.sqlite(dir);
        storage = db.openStorage();
        pusher = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pusher.createContext("/push", exchange -> {
            pushed.add(JsonMapper.builder().build().readTree(exchange.getRequestBody().readAllBytes()));
            byte[] reply = "{\"success\":true,\"message\":\"\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        pusher.start();
    }

    @AfterEach
    void stop() {
        pusher.stop(0);
        storage.close();
        db.close();
    }

    @Test
    void theRelaysDisableReachesTheMessagePusherBeforeTheCallReturns() {
        LiveOptions options = LiveOptions.load(storage.options(), storage.changes(), Runnable::run, Map.of());
        options.update("MessagePusherAddress", "http://127.0.0.1:" + pusher.getAddress().getPort() + "/push");
        options.update("MessagePusherToken", "push-token");

        RootNotifier.forRelay(options, storage.database()).channelDisabled(7, "openai-main",
                "upstream said 401 (AUTH_FAILED): invalid key");

        assertEquals(1, pushed.size(), "delivered synchronously: the relay calls it from a blocking executor");
        JsonNode message = pushed.get(0);
        assertEquals("Channel openai-main (#7) has been disabled", message.path("title").asText());
        assertTrue(message.path("description").asText().endsWith("Reason: upstream said 401 (AUTH_FAILED): invalid key"),
                message.toString());
        assertEquals("push-token", message.path("token").asText());
    }

    @Test
    void withNowhereToDeliverItOnlyLogs() {
        LiveOptions options = LiveOptions.load(storage.options(), storage.changes(), Runnable::run, Map.of());
        // No pusher, and no root with an e-mail address in this database: nothing is sent, nothing is thrown.
        RootNotifier.forRelay(options, storage.database()).channelDisabled(8, "spare", "metric tripped");
        assertEquals(List.of(), pushed);
    }
}
