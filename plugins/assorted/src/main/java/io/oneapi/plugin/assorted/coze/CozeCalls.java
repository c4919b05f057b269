package io.oneapi.plugin.assorted.coze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.assorted.common.ChannelUrls;
import io.oneapi.plugin.assorted.common.JsonBodies;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.UpstreamRequest;

/** What the v2 and v3 chat calls share: the Coze user, and the authenticated POST to the channel's base URL. */
final class CozeCalls {
    private CozeCalls() {
    }

    /** The channel's Coze user (One API always sends it), else the client's {@code user}. */
    static String user(ExchangeContext context, JsonNode openAi) {
        String user = context.channel().setting(CozeAdapter.USER_SETTING, openAi.path("user").asText(""));
        if (user.isBlank()) {
            throw new IllegalArgumentException("channel " + context.channel().id()
                    + " has no Coze user id (setting user_id) and the request names no user");
        }
        return user;
    }

    static UpstreamRequest post(ExchangeContext context, String path, boolean stream, ObjectNode body) {
        return UpstreamRequest.builder("POST", ChannelUrls.base(context.channel(), CozeAdapter.DEFAULT_BASE_URL) + path)
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .header("Authorization", "Bearer " + context.channel().key())
                .body(JsonBodies.bytes(body)).build();
    }
}
