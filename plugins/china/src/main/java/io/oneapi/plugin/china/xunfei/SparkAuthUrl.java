package io.oneapi.plugin.china.xunfei;

import io.oneapi.plugin.china.common.Digests;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * iFlytek's signed WebSocket URL ("通用鉴权URL生成说明"): HMAC-SHA256 with the APISecret over
 * {@code host: H\ndate: D\nGET P HTTP/1.1}, base64; then
 * {@code api_key="K", algorithm="hmac-sha256", headers="host date request-line", signature="S"}, base64, as
 * the {@code authorization} query parameter beside {@code date} (RFC 1123, GMT) and {@code host}.
 */
final class SparkAuthUrl {
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private SparkAuthUrl() {
    }

    static String date(Instant now) {
        return RFC_1123.format(now);
    }

    /** The base64 HMAC-SHA256 signature of the request line. */
    static String signature(String host, String date, String path, String apiSecret) {
        String origin = "host: " + host + "\ndate: " + date + "\nGET " + path + " HTTP/1.1";
        return Base64.getEncoder().encodeToString(
                Digests.hmacSha256(apiSecret.getBytes(StandardCharsets.UTF_8), origin));
    }

    static String authorization(String apiKey, String signature) {
        String origin = "api_key=\"" + apiKey + "\", algorithm=\"hmac-sha256\", headers=\"host date request-line\","
                + " signature=\"" + signature + "\"";
        return Base64.getEncoder().encodeToString(origin.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code url} (a {@code ws(s)://host[:port]/path}) with its signature parameters. */
    static String sign(String url, String apiKey, String apiSecret, Instant now) {
        URI uri = URI.create(url);
        String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        String date = date(now);
        String authorization = authorization(apiKey, signature(host, date, uri.getRawPath(), apiSecret));
        return url + "?authorization=" + encode(authorization) + "&date=" + encode(date) + "&host=" + encode(host);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
