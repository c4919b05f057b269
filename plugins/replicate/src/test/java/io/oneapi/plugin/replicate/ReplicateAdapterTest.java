package io.oneapi.plugin.replicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.spi.testing.FixtureClientRequest;
import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.FollowUp;
import io.oneapi.spi.FollowUps;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replicate's descriptor (inventory 4.2, 4.5) and the polling bound. */
class ReplicateAdapterTest {

    @Test
    void describesTypeFortySixWithOneApisFortyOneModels() {
        List<ChannelTypeInfo> types = new ReplicateAdapter().descriptor().channelTypes();
        assertEquals(1, types.size());
        ChannelTypeInfo type = types.get(0);
        assertEquals(46, type.type());
        assertEquals("Replicate", type.label());
        assertEquals("https://api.replicate.com", type.defaultBaseUrl());
        assertEquals("replicate", type.ownedBy());
        assertEquals(41, type.defaultModels().size());
        assertEquals(41, type.defaultModels().stream().distinct().count());
        assertTrue(type.defaultModels().containsAll(List.of("black-forest-labs/flux-1.1-pro", "recraft-ai/recraft-v3-svg",
                "meta/meta-llama-3-70b-instruct", "mistralai/mixtral-8x7b-instruct-v0.1")));
    }

    @Test
    void aPredictionThatNeverFinishesIsPolledAtMostFortyTimes() {
        ChannelInfo channel = new ChannelInfo(1, 46, "r", "r8", "", Map.of(), "");
        OpenAiToReplicateExchange exchange = (OpenAiToReplicateExchange) new ReplicateAdapter().newExchange(
                new ExchangeContext(channel, RelayMode.CHAT_COMPLETIONS, "/v1/chat/completions", "", "meta/llama-2-7b",
                        "meta/llama-2-7b", false, "", false));
        exchange.translateRequest(FixtureClientRequest.chat("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"));
        byte[] processing = "{\"status\":\"processing\",\"urls\":{\"get\":\"https://api.replicate.com/v1/predictions/p\"}}"
                .getBytes(StandardCharsets.UTF_8);
        int polls = 0;
        FollowUp next = exchange.followUp(201, UpstreamHeaders.NONE, processing);
        while (next != null) {
            polls++;
            next = exchange.followUp(200, UpstreamHeaders.NONE, processing);
        }
        assertEquals(Predictions.MAX_POLLS, polls);
        assertTrue(polls < FollowUps.MAX_FOLLOW_UPS);
        TranslatedBody timeout = exchange.translateBody(200, UpstreamHeaders.NONE, processing);
        assertEquals(504, timeout.status());
        assertEquals("{\"detail\":\"the prediction did not finish after 40 polls\",\"status\":504}",
                new String(timeout.body(), StandardCharsets.UTF_8));
        assertNull(exchange.followUp(200, UpstreamHeaders.NONE, processing));
    }
}
