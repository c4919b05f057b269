package io.oneapi.plugin.china.qwen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.plugin.china.testing.FixtureRunner;
import io.oneapi.spi.testing.FixtureClientRequest;
import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.FollowUp;
import io.oneapi.spi.FollowUps;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The polling bound of DashScope image tasks: 20 polls, as One API, then a timeout failure. */
class ImageTaskPollingTest {
    private static final byte[] RUNNING = "{\"output\":{\"task_id\":\"t\",\"task_status\":\"RUNNING\"}}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aTaskThatNeverEndsIsPolledTwentyTimesThenFailsAsATimeout() {
        ChannelInfo channel = new ChannelInfo(1, 17, "ali", "sk", "", Map.of(), "");
        ImagesToWanxExchange exchange = (ImagesToWanxExchange) new QwenAdapter(() -> FixtureRunner.STAMP)
                .newExchange(new ExchangeContext(channel, RelayMode.IMAGES_GENERATIONS, "/v1/images/generations", "",
                        "wanx-v1", "wanx-v1", false, "", false));
        exchange.translateRequest(FixtureClientRequest.post("/v1/images/generations").json("{\"prompt\":\"cat\"}").build());
        FollowUp next = exchange.followUp(200, UpstreamHeaders.NONE,
                "{\"output\":{\"task_id\":\"t\",\"task_status\":\"PENDING\"}}".getBytes(StandardCharsets.UTF_8));
        int polls = 0;
        while (next != null) {
            polls++;
            assertTrue(polls <= FollowUps.MAX_FOLLOW_UPS, "polling must stop below the core's bound");
            next = exchange.followUp(200, UpstreamHeaders.NONE, RUNNING);
        }
        assertEquals(ImagesToWanxExchange.MAX_POLLS, polls);
        TranslatedBody result = exchange.translateBody(200, UpstreamHeaders.NONE, RUNNING);
        assertEquals(504, result.status());
        assertEquals("{\"code\":\"TaskTimeout\",\"message\":\"the image task did not finish after 20 polls\","
                + "\"request_id\":\"t\"}", new String(result.body(), StandardCharsets.UTF_8));
        assertNull(exchange.followUp(200, UpstreamHeaders.NONE, RUNNING), "still no further poll");
        assertNotNull(result.usage());
    }
}
