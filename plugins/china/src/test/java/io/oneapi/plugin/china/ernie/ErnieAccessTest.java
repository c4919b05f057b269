package io.oneapi.plugin.china.ernie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.spi.testing.FixtureClientRequest;
import io.oneapi.spi.AccessToken;
import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.UpstreamRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client-credentials exchange the core performs for ERNIE channels, and the endpoint table. */
class ErnieAccessTest {
    private static OpenAiToErnieExchange exchange(String key, String baseUrl) {
        ChannelInfo channel = new ChannelInfo(9, 15, "ernie", key, baseUrl, Map.of(), "");
        return new OpenAiToErnieExchange(new ExchangeContext(channel, RelayMode.CHAT_COMPLETIONS,
                "/v1/chat/completions", "", "ERNIE-4.0-8K", "ERNIE-4.0-8K", false, "", false),
                io.oneapi.plugin.china.testing.FixtureRunner.STAMP);
    }

    @Test
    void theTokenRequestIsBaidusClientCredentialsGrantOnTheChannelsHost() {
        UpstreamRequest request = exchange("my api key|s3cr&t", "").credentialRequest();
        assertEquals("POST", request.method());
        assertEquals("https://aip.baidubce.com/oauth/2.0/token?grant_type=client_credentials"
                + "&client_id=my+api+key&client_secret=s3cr%26t", request.url());
        assertEquals("application/json", request.headers().get(0).value());
        assertNull(request.body(), "the grant is in the query, the body is empty");
        assertTrue(exchange("a|b", "http://127.0.0.1:9/").credentialRequest().url()
                .startsWith("http://127.0.0.1:9/oauth/2.0/token?"));
    }

    @Test
    void theCredentialKeyNamesTheKeyWithoutRevealingIt() {
        String key = exchange("api|secret", "").credentialKey();
        assertFalse(key.contains("secret") || key.contains("api|"), key);
        assertEquals(key, exchange("api|secret", "").credentialKey());
        assertNotEquals(key, exchange("api|other", "").credentialKey(), "a new secret needs a new token");
    }

    @Test
    void aMalformedKeyIsRefusedBeforeAnyCall() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> exchange("only-one-part", "").credentialRequest());
        assertEquals("the channel key must have the form API_KEY|SECRET_KEY", error.getMessage());
        assertThrows(IllegalStateException.class, () -> exchange("a|b|c", "").credentialRequest());
        assertThrows(IllegalStateException.class, () -> exchange("a|", "").credentialRequest());
    }

    @Test
    void readsTheTokenAndItsLifetime() {
        AccessToken token = exchange("a|b", "").parseCredential(("{\"refresh_token\":\"25.r\",\"expires_in\":2592000,"
                + "\"session_key\":\"9mzd\",\"access_token\":\"24.6c5e1ff1\",\"scope\":\"public\"}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("24.6c5e1ff1", token.value());
        assertEquals(Duration.ofDays(30), token.validFor());
    }

    @Test
    void anErrorAnswerHoldsNoToken() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> exchange("a|b", "")
                .parseCredential("{\"error\":\"invalid_client\",\"error_description\":\"unknown client id\"}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertEquals("invalid_client: unknown client id", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> exchange("a|b", "").parseCredential(new byte[0]));
    }

    @Test
    void noRequestLeavesWithoutAToken() {
        OpenAiToErnieExchange exchange = exchange("a|b", "");
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> exchange.translateRequest(
                FixtureClientRequest.chat("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")));
        assertTrue(error.getMessage().contains("no Baidu access token"), error.getMessage());
    }

    @Test
    void theEndpointTableFollowsOneApi() {
        assertEquals("chat/completions_pro", ErnieEndpoints.path("ERNIE-4.0-8K"));
        assertEquals("chat/completions", ErnieEndpoints.path("ERNIE-3.5-8K"));
        assertEquals("chat/ernie-speed-128k", ErnieEndpoints.path("ERNIE-Speed-128K"));
        assertEquals("chat/eb-instant", ErnieEndpoints.path("ERNIE-Lite-8K-0922"));
        assertEquals("chat/bloomz_7b1", ErnieEndpoints.path("BLOOMZ-7B"));
        assertEquals("embeddings/tao_8k", ErnieEndpoints.path("tao-8k"));
        assertEquals("embeddings/bge_large_en", ErnieEndpoints.path("bge-large-en"));
        assertEquals("chat/ernie-novel-8k", ErnieEndpoints.path("ERNIE-Novel-8K"));
    }
}
