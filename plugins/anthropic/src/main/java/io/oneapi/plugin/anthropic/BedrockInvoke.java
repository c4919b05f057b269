package io.oneapi.plugin.anthropic;

import io.oneapi.spi.UpstreamRequest;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Bedrock runtime call, whatever the model family: {@code InvokeModel} ({@code POST /model/{id}/invoke}) or
 * {@code InvokeModelWithResponseStream} ({@code /invoke-with-response-stream}), JSON both ways, signed with SigV4
 * for service {@code bedrock}.
 */
final class BedrockInvoke {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private BedrockInvoke() {
    }

    /** @param baseUrl the channel's base URL override, empty for the region's Bedrock runtime endpoint */
    static UpstreamRequest request(BedrockAccount account, String baseUrl, String modelId, boolean stream,
                                   byte[] payload, Instant now) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (base.isEmpty()) {
            base = "https://bedrock-runtime." + account.region() + ".amazonaws.com";
        }
        URI uri = URI.create(base + "/model/" + AwsSigV4.uriEncode(modelId, true) + "/"
                + (stream ? "invoke-with-response-stream" : "invoke"));
        // InvokeModel names the wanted answer type in Accept, the streaming call in X-Amzn-Bedrock-Accept.
        String acceptHeader = stream ? "x-amzn-bedrock-accept" : "accept";
        String amzDate = AMZ_DATE.format(now);
        SortedMap<String, String> signed = new TreeMap<>();
        signed.put("content-type", "application/json");
        signed.put(acceptHeader, "application/json");
        signed.put("host", hostHeader(uri));
        signed.put("x-amz-date", amzDate);
        AwsSigV4.Signature signature = AwsSigV4.sign(account.accessKey(), account.secretKey(), account.region(),
                "bedrock", "POST", uri, signed, payload, amzDate);
        return UpstreamRequest.builder("POST", uri.toString())
                .header("Content-Type", "application/json")
                .header(stream ? "X-Amzn-Bedrock-Accept" : "Accept", "application/json")
                .header("X-Amz-Date", amzDate)
                .header("Authorization", signature.authorization())
                .body(payload)
                .build();
    }

    /** The Host header the core sends: the port only when it is not the scheme's default. */
    static String hostHeader(URI uri) {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort();
        return port < 0 || port == (tls ? 443 : 80) ? uri.getHost() : uri.getHost() + ":" + port;
    }
}
