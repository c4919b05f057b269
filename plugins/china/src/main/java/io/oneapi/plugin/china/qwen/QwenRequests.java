package io.oneapi.plugin.china.qwen;

import io.oneapi.plugin.china.common.BaseUrls;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.UpstreamRequest;

/** The parts every DashScope request shares: the URL on the channel's base, Bearer auth, the plugin header. */
final class QwenRequests {
    static final String PLUGIN_SETTING = "plugin";

    private QwenRequests() {
    }

    static String base(ExchangeContext context) {
        return BaseUrls.of(context.channel(), QwenAdapter.DEFAULT_BASE_URL);
    }

    /** A POST to {@code path} with JSON, the key and the channel's {@code X-DashScope-Plugin}, if any. */
    static UpstreamRequest.Builder post(ExchangeContext context, String path) {
        UpstreamRequest.Builder builder = UpstreamRequest.builder("POST", base(context) + path)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + context.channel().key());
        String plugin = context.channel().setting(PLUGIN_SETTING, "");
        if (!plugin.isEmpty()) {
            builder.header("X-DashScope-Plugin", plugin);
        }
        return builder;
    }
}
