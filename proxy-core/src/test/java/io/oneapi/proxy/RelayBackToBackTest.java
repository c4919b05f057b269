package io.oneapi.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.proxy.testing.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client sends its next request the moment it has the previous answer, before that request is settled: with a
 * token that covers one reservation but not two, the second must not be refused for quota the first still held
 * (the browser journey found this: 403 "token quota is not enough" on a token with ample quota left).
 */
class RelayBackToBackTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "batch updates {0}")
    @ValueSource(booleans = {false, true})
    void theNextRequestWaitsForThePreviousSettlementInsteadOfBeingRefused(boolean batch) throws Exception {
        try (MockUpstream upstream = new MockUpstream()) {
            upstream.script(r -> new MockUpstream.Json(200, "{\"choices\":[{\"message\":{\"content\":\"ok\"}}],"
                    + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,\"total_tokens\":30}}"));
            try (TestGateway gateway = TestGateway.start(dir, Map.of("BATCH_UPDATE_ENABLED", "" + batch),
                    Map.of("ModelRatio", "{\"m\": 1}", "CompletionRatio", "{\"m\": 1}"))) {
                int user = gateway.user("quick", 1_000_000, "default", 1);
                gateway.channel(upstream.baseUrl(), "m", 0, 0);
                String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
                for (int i = 0; i < 30; i++) {
                    // Each reservation holds about 530 (PreConsumedQuota 500 + the prompt estimate); each call
                    // costs 30. 1,000 covers the second call only once the first is settled.
                    String key = gateway.token(user, 1_000, false);
                    for (int call = 0; call < 2; call++) {
                        HttpResponse<String> r = gateway.post("/v1/chat/completions", key, body);
                        assertEquals(200, r.statusCode(), "token " + i + ", call " + call + ": " + r.body());
                    }
                }
            }
        }
    }
}
