package io.oneapi.plugin.assorted.ollama;

import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.UpstreamRequest;

/**
 * The upstream request to an Ollama server. Ollama itself has no keys; a key is sent as a bearer token
 * for the reverse proxies that guard shared servers, and left out when the channel has none.
 */
final class OllamaAuth {
    private OllamaAuth() {
    }

    static UpstreamRequest request(String url, ExchangeContext context, byte[] body) {
        UpstreamRequest.Builder upstream = UpstreamRequest.builder("POST", url)
                .header("Content-Type", "application/json");
        String key = context.channel().key();
        if (!key.isBlank()) {
            upstream.header("Authorization", "Bearer " + key);
        }
        return upstream.body(body).build();
    }
}
