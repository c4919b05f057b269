package io.oneapi.plugin.china.zhipu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Zhipu's JWT: the vector in {@code fixtures/zhipu/jwt-vector.json}, its claims, and the per-key cache. */
class ZhipuTokensTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void signsTheVector() throws Exception {
        JsonNode vector = JSON.readTree(Path.of("src/test/resources/fixtures/zhipu/jwt-vector.json").toFile());
        assertEquals(vector.get("token").asText(),
                ZhipuTokens.sign(vector.get("key").asText(), vector.get("nowMillis").asLong()));
    }

    @Test
    void theTokenIsAnHs256JwtOverTheIdWithMillisecondTimes() throws Exception {
        String[] token = ZhipuTokens.sign("my-id.my-secret", 1_000L).split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token[0]));
        assertEquals("HS256", header.path("alg").asText());
        assertEquals("SIGN", header.path("sign_type").asText());
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token[1]));
        assertEquals("my-id", claims.path("api_key").asText());
        assertEquals(1_000L, claims.path("timestamp").asLong());
        assertEquals(1_000L + ZhipuTokens.LIFETIME_MILLIS, claims.path("exp").asLong());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("my-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertArrayEquals(mac.doFinal((token[0] + "." + token[1]).getBytes(StandardCharsets.US_ASCII)),
                Base64.getUrlDecoder().decode(token[2]));
    }

    @Test
    void aTokenIsReusedUntilFiveMinutesBeforeItExpires() {
        AtomicLong now = new AtomicLong(1_000_000L);
        ZhipuTokens tokens = new ZhipuTokens(now::get);
        String first = tokens.tokenFor("id.secret");
        now.addAndGet(ZhipuTokens.LIFETIME_MILLIS - ZhipuTokens.REFRESH_MARGIN_MILLIS - 1);
        assertEquals(first, tokens.tokenFor("id.secret"), "still fresh: the cached token");
        now.addAndGet(1);
        String second = tokens.tokenFor("id.secret");
        assertNotEquals(first, second, "close to expiry: signed again");
        assertNotEquals(second, tokens.tokenFor("other.secret"), "each key has its own token");
    }

    @Test
    void theCacheStaysBounded() {
        ZhipuTokens tokens = new ZhipuTokens(() -> 5L);
        for (int i = 0; i < ZhipuTokens.MAX_KEYS * 3; i++) {
            tokens.tokenFor("id" + i + ".secret");
            assertTrue(tokens.cachedKeys() <= ZhipuTokens.MAX_KEYS, "bounded");
        }
        assertEquals(ZhipuTokens.sign("id1.secret", 5L), tokens.tokenFor("id1.secret"));
    }

    @Test
    void aKeyWithoutBothPartsIsRefused() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> ZhipuTokens.sign("no-dot", 1));
        assertEquals("the channel key must have the form id.secret", error.getMessage());
        assertThrows(IllegalStateException.class, () -> ZhipuTokens.sign("a.b.c", 1));
    }
}
