package io.oneapi.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void channelInfoNeverPrintsItsKey() {
        ChannelInfo channel = new ChannelInfo(3, 1, "main", "sk-secret-value", null, Map.of(), null);
        assertFalse(channel.toString().contains("sk-secret-value"));
        assertEquals("", channel.baseUrl());
        assertEquals("", channel.other());
        assertThrows(NullPointerException.class, () -> new ChannelInfo(3, 1, "x", null, "", Map.of(), ""));
    }

    @Test
    void channelSettingFallsBackWhenBlank() {
        ChannelInfo channel = new ChannelInfo(1, 3, "a", "k", "", Map.of("api_version", " ", "region", "eu"), "");
        assertEquals("fallback", channel.setting("api_version", "fallback"));
        assertEquals("eu", channel.setting("region", "fallback"));
        assertEquals("fallback", channel.setting("absent", "fallback"));
    }

    @Test
    void channelTypeInfoDefaultsOwnedByToTheLabelAndCopiesLists() {
        List<String> models = new ArrayList<>(List.of("m1"));
        ChannelTypeInfo info = new ChannelTypeInfo(25, "Moonshot AI", null, models);
        models.add("m2");
        assertEquals(List.of("m1"), info.defaultModels());
        assertEquals("Moonshot AI", info.ownedBy());
        assertEquals("", info.defaultBaseUrl());
        assertEquals(List.of(), info.settings());
        assertThrows(UnsupportedOperationException.class, () -> info.defaultModels().add("x"));
        assertEquals("moonshot",
                new ChannelTypeInfo(25, "Moonshot AI", "", List.of(), List.of(), "moonshot").ownedBy());
        assertEquals("Azure", new ChannelTypeInfo(3, "Azure", "", List.of(), List.of("api_version"), " ").ownedBy());
    }

    @Test
    void exchangeContextKnowsWhenTheModelIsMapped() {
        ChannelInfo channel = new ChannelInfo(1, 1, "a", "k", "", Map.of(), "");
        ExchangeContext plain = new ExchangeContext(channel, RelayMode.CHAT_COMPLETIONS, "/v1/chat/completions",
                null, "gpt-4o", null, false, null, false);
        assertEquals("gpt-4o", plain.upstreamModel());
        assertFalse(plain.modelMapped());
        assertEquals("", plain.query());
        assertEquals("", plain.systemPrompt());
        ExchangeContext mapped = new ExchangeContext(channel, RelayMode.CHAT_COMPLETIONS, "/v1/chat/completions",
                "", "gpt-4o", "gpt-4o-2024-11-20", true, "", true);
        assertTrue(mapped.modelMapped());
    }

    @Test
    void upstreamRequestBuilderKeepsHeaderOrderAndForwardFlag() {
        UpstreamRequest forwarded = UpstreamRequest.builder("POST", "https://x/v1/chat/completions")
                .header("A", "1").header("B", "2").build();
        assertTrue(forwarded.forwardsClientBody());
        assertNull(forwarded.body());
        assertEquals(List.of(new Header("A", "1"), new Header("B", "2")), forwarded.headers());
        assertThrows(UnsupportedOperationException.class, () -> forwarded.headers().add(new Header("C", "3")));
        UpstreamRequest rewritten = UpstreamRequest.builder("POST", "https://x").body(new byte[] {'{', '}'}).build();
        assertFalse(rewritten.forwardsClientBody());
        assertThrows(NullPointerException.class, () -> new Header("X", null));
    }

    @Test
    void usageAndSseEventHelpers() {
        assertEquals(new Usage(3, 4, 7), Usage.of(3, 4));
        assertTrue(Usage.NONE.isEmpty());
        assertFalse(Usage.of(0, 1).isEmpty());
        SseEvent event = SseEvent.of(null, "{\"a\":1}");
        assertEquals("", event.event());
        assertEquals("{\"a\":1}", event.dataAsString());
        assertEquals(Usage.NONE, new TranslatedBody(200, new byte[0], null).usage());
    }
}
