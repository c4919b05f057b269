package io.oneapi.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialAndSettingsTest {
    private static final ChannelInfo CHANNEL = new ChannelInfo(1, 24, "g", "k", "", Map.of(), "");

    @Test
    void theOldConstructorGivesNoGatewaySettings() {
        ExchangeContext context = new ExchangeContext(CHANNEL, RelayMode.CHAT_COMPLETIONS, "/v1/chat/completions",
                "", "gemini-pro", null, false, "", false);
        assertEquals(Map.of(), context.gatewaySettings());
        assertEquals("v1", context.gatewaySetting("GEMINI_VERSION", "v1"));
    }

    @Test
    void gatewaySettingsAreCopiedAndBlankMeansAbsent() {
        Map<String, String> settings = new HashMap<>(Map.of("GEMINI_VERSION", "v1beta", "GEMINI_SAFETY_SETTING", " "));
        ExchangeContext context = new ExchangeContext(CHANNEL, RelayMode.CHAT_COMPLETIONS, "/v1/chat/completions",
                "", "gemini-pro", null, false, "", false, settings);
        settings.put("GEMINI_VERSION", "v2");
        assertEquals("v1beta", context.gatewaySetting("GEMINI_VERSION", "v1"));
        assertEquals("BLOCK_NONE", context.gatewaySetting("GEMINI_SAFETY_SETTING", "BLOCK_NONE"));
        assertThrows(UnsupportedOperationException.class, () -> context.gatewaySettings().put("x", "y"));
        assertEquals(Map.of(), new ExchangeContext(CHANNEL, RelayMode.EMBEDDINGS, "/v1/embeddings", "", "m", "m",
                false, "", false, null).gatewaySettings());
    }

    @Test
    void accessTokensHideTheirValueAndRejectNonsense() {
        AccessToken token = new AccessToken("ya29.secret", Duration.ofSeconds(3599));
        assertFalse(token.toString().contains("ya29"));
        assertThrows(IllegalArgumentException.class, () -> new AccessToken(" ", Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new AccessToken("t", Duration.ZERO));
        assertThrows(NullPointerException.class, () -> new AccessToken("t", null));
    }
}
