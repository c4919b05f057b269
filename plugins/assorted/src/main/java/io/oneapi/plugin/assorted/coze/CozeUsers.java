package io.oneapi.plugin.assorted.coze;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.spi.ExchangeContext;

/** The Coze user a conversation belongs to: the channel's {@code user_id} setting, else the client's {@code user}. */
final class CozeUsers {
    private CozeUsers() {
    }

    static String of(ExchangeContext context, JsonNode openAi) {
        String user = context.channel().setting(CozeAdapter.USER_SETTING, openAi.path("user").asText(""));
        if (user.isBlank()) {
            throw new IllegalArgumentException("channel " + context.channel().id()
                    + " has no Coze user id (setting user_id) and the request names no user");
        }
        return user;
    }
}
