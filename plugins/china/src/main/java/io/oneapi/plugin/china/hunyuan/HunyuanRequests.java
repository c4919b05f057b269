package io.oneapi.plugin.china.hunyuan;

import io.oneapi.plugin.china.common.BaseUrls;
import io.oneapi.plugin.china.common.KeyParts;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.UpstreamRequest;
import java.net.URI;

/**
 * A Hunyuan API call: a POST of JSON to the API root, the action and version in {@code X-TC-*} headers, signed
 * with TC3-HMAC-SHA256 by the key {@code AppId|SecretId|SecretKey} (the AppId is not used by API 3.0 but kept
 * in the key for One API compatibility). The signature covers the Host header the core will send, taken from
 * the channel's base URL.
 */
final class HunyuanRequests {
    static final String VERSION = "2023-09-01";
    static final String SERVICE = "hunyuan";
    static final String CONTENT_TYPE = "application/json";

    private HunyuanRequests() {
    }

    static UpstreamRequest.Builder signedPost(ExchangeContext context, String action, byte[] body, long timestamp) {
        String[] key = KeyParts.split(context.channel().key(), '|', 3, "AppId|SecretId|SecretKey");
        String base = BaseUrls.of(context.channel(), HunyuanAdapter.DEFAULT_BASE_URL);
        Tc3Signature signature = new Tc3Signature(SERVICE, hostHeader(base), CONTENT_TYPE, action, timestamp);
        return UpstreamRequest.builder("POST", base + "/")
                .header("Content-Type", CONTENT_TYPE)
                .header("X-TC-Action", action)
                .header("X-TC-Version", VERSION)
                .header("X-TC-Timestamp", Long.toString(timestamp))
                .header("Authorization", signature.authorization(key[1], key[2], body))
                .body(body);
    }

    /** The Host header for a URL: the host, with the port unless it is the scheme's default. */
    static String hostHeader(String url) {
        URI uri = URI.create(url);
        if (uri.getHost() == null) {
            throw new IllegalStateException("the channel's base URL has no host");
        }
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort();
        boolean defaultPort = port < 0 || (tls ? port == 443 : port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }
}
