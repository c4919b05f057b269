package io.oneapi.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.proxy.testing.TestGateway;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 200 concurrent requests on one user and two tokens, one limited: the quota taken equals the sum of the logged
 * quotas exactly, only requests that were charged reached the upstream, and neither a limited token nor (when its
 * balance is the limit) the user goes below zero by more than one request.
 */
class RelayBillingConcurrencyTest {
    static final String OK = "{\"choices\":[{\"message\":{\"content\":\"ok\"}}],"
            + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":50,\"total_tokens\":150}}";
    static final List<String> STREAM = List.of(
            "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n",
            "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":50,\"total_tokens\":150}}\n\n",
            "data: [DONE]\n\n");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "batch updates {0}, user balance the limit {1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void quotaIsExactUnderConcurrency(boolean batch, boolean userLimited) throws Exception {
        // About 125 quota a request: the token runs out after about 40 of its 100, the user after about 80 of 200.
        long userQuota = userLimited ? 10_000 : 1_000_000_000L;
        long tokenQuota = 5_000;
        try (MockUpstream upstream = new MockUpstream()) {
            upstream.script(r -> r.bodyText().contains("\"stream\":true")
                    ? new MockUpstream.Stream(200, "text/event-stream", STREAM, 1, -1)
                    : new MockUpstream.Json(200, OK));
            TestGateway gateway = TestGateway.start(dir,
                    Map.of("BATCH_UPDATE_ENABLED", Boolean.toString(batch), "BATCH_UPDATE_INTERVAL", "1"), Map.of());
            try {
                int userId = gateway.user("frank", userQuota, "default", 1);
                String limited = gateway.token(userId, tokenQuota, false);
                String unlimited = gateway.token(userId, 0, true);
                gateway.channel(upstream.baseUrl(), "gpt-3.5-turbo", 0, 0);

                List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    boolean stream = i % 2 == 0;
                    String key = i % 4 < 2 ? limited : unlimited;
                    String body = "{\"model\":\"gpt-3.5-turbo\"," + (stream ? "\"stream\":true," : "")
                            + "\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
                    HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url("/v1/chat/completions")))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer sk-" + key).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    calls.add(gateway.http().sendAsync(request, HttpResponse.BodyHandlers.ofString()));
                }
                int ok = 0;
                int refused = 0;
                for (CompletableFuture<HttpResponse<String>> call : calls) {
                    HttpResponse<String> response = call.get();
                    if (response.statusCode() == 200) {
                        ok++;
                    } else {
                        assertEquals(403, response.statusCode(), response.body());
                        refused++;
                    }
                }
                assertEquals(200, ok + refused);
                assertTrue(refused > 0, "the limits were reached");
                if (!userLimited) {
                    assertTrue(ok >= 100, "every unlimited-token request succeeds: " + ok);
                }
                assertEquals(ok, upstream.requestCount(), "a refused request never reached the upstream");

                gateway.stopProxy();
                List<LogEntry> logs = gateway.storage().logs().find(LogStore.LogFilter.any(), 0, 1000);
                assertEquals(ok, logs.size(), "one consume log per successful request");
                long logged = logs.stream().mapToLong(LogEntry::quota).sum();
                long userLeft = gateway.storage().users().findById(userId).orElseThrow().quota();
                assertEquals(userQuota - logged, userLeft, "user quota taken == sum of logged quotas");
                assertEquals(ok, gateway.storage().users().findById(userId).orElseThrow().requestCount());

                var limitedRow = gateway.tokenRow(limited);
                long limitedLogged = logs.stream().filter(l -> l.tokenName().equals(limitedRow.name()))
                        .mapToLong(LogEntry::quota).sum();
                assertEquals(tokenQuota - limitedLogged, limitedRow.remainQuota(), "token remain exact");
                assertEquals(limitedLogged, limitedRow.usedQuota());
                long oneRequest = logs.get(0).quota();
                assertTrue(limitedRow.remainQuota() >= -oneRequest,
                        "never below zero by more than one request: " + limitedRow.remainQuota());
                assertTrue(userLeft >= -oneRequest, "the user neither: " + userLeft);
            } finally {
                gateway.close();
            }
        }
    }
}
