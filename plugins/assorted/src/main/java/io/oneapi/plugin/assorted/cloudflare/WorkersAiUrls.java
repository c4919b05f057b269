package io.oneapi.plugin.assorted.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.assorted.common.ChannelUrls;
import io.oneapi.plugin.assorted.common.JsonBodies;
import io.oneapi.plugin.assorted.common.ProviderErrors;
import io.oneapi.spi.ChannelInfo;

/** Where Workers AI requests go, and how its errors read. */
final class WorkersAiUrls {
    private static final String AI_GATEWAY = "https://gateway.ai.cloudflare.com";

    private WorkersAiUrls() {
    }

    /**
     * {@code {base}/client/v4/accounts/{user_id}/ai}, or the base itself for an AI Gateway URL
     * ({@code https://gateway.ai.cloudflare.com/v1/{account}/{gateway}/workers-ai}), which names the
     * account already.
     */
    static String prefix(ChannelInfo channel) {
        String base = ChannelUrls.base(channel, CloudflareAdapter.DEFAULT_BASE_URL);
        if (isAiGateway(base)) {
            return base;
        }
        String account = channel.setting(CloudflareAdapter.ACCOUNT_SETTING, "").trim();
        if (account.isEmpty()) {
            throw new IllegalArgumentException("channel " + channel.id()
                    + " has no Cloudflare account id (setting user_id)");
        }
        return base + "/client/v4/accounts/" + account + "/ai";
    }

    /** The native endpoint of one model: {@code /run/{model}}, or {@code /{model}} through AI Gateway. */
    static String run(ChannelInfo channel, String model) {
        String prefix = prefix(channel);
        return isAiGateway(prefix) ? prefix + "/" + model : prefix + "/run/" + model;
    }

    static boolean isAiGateway(String base) {
        return base.startsWith(AI_GATEWAY) && base.endsWith("/workers-ai");
    }

    /** The first message of a v4 error envelope, with its code; the OpenAI shapes otherwise. */
    static String errorMessage(byte[] body) {
        JsonNode root = JsonBodies.parse(body);
        JsonNode first = root.path("errors").path(0);
        if (first.path("message").isTextual()) {
            String code = first.path("code").asText("");
            return first.path("message").asText() + (code.isEmpty() ? "" : " (code " + code + ")");
        }
        return ProviderErrors.text(root, "error.message", "error", "message");
    }
}
