package io.oneapi.plugin.china.hunyuan;

import io.oneapi.plugin.china.common.Digests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Tencent Cloud API signature v3 (TC3-HMAC-SHA256) of a POST with a JSON body, written from Tencent's
 * published algorithm ("签名方法 v3") and checked against its worked example in the tests. Signed headers are
 * {@code content-type}, {@code host} and {@code x-tc-action}, as One API signs them.
 *
 * <pre>
 * CanonicalRequest = "POST\n/\n\n" + CanonicalHeaders + "\n" + SignedHeaders + "\n" + hex(sha256(payload))
 * StringToSign     = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date/service/tc3_request + "\n" + hex(sha256(CR))
 * SecretSigning    = HMAC(HMAC(HMAC("TC3" + SecretKey, date), service), "tc3_request")
 * Signature        = hex(HMAC(SecretSigning, StringToSign))
 * </pre>
 *
 * @param host the Host header as sent ({@code hunyuan.tencentcloudapi.com}, with {@code :port} when not 443)
 * @param contentType the Content-Type header as sent
 */
record Tc3Signature(String service, String host, String contentType, String action, long timestamp) {
    static final String ALGORITHM = "TC3-HMAC-SHA256";
    static final String SIGNED_HEADERS = "content-type;host;x-tc-action";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** The UTC date of the timestamp, part of the credential scope. */
    String date() {
        return DATE.format(Instant.ofEpochSecond(timestamp));
    }

    String credentialScope() {
        return date() + "/" + service + "/tc3_request";
    }

    String canonicalRequest(byte[] payload) {
        String headers = "content-type:" + contentType.trim().toLowerCase(Locale.ROOT) + "\n"
                + "host:" + host.trim().toLowerCase(Locale.ROOT) + "\n"
                + "x-tc-action:" + action.trim().toLowerCase(Locale.ROOT) + "\n";
        return "POST\n/\n\n" + headers + "\n" + SIGNED_HEADERS + "\n" + Digests.sha256Hex(payload);
    }

    String stringToSign(byte[] payload) {
        return ALGORITHM + "\n" + timestamp + "\n" + credentialScope() + "\n"
                + Digests.sha256Hex(canonicalRequest(payload));
    }

    String signature(String secretKey, byte[] payload) {
        byte[] secretDate = Digests.hmacSha256(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date());
        byte[] secretService = Digests.hmacSha256(secretDate, service);
        byte[] secretSigning = Digests.hmacSha256(secretService, "tc3_request");
        return HexFormat.of().formatHex(Digests.hmacSha256(secretSigning, stringToSign(payload)));
    }

    /** The {@code Authorization} header value. */
    String authorization(String secretId, String secretKey, byte[] payload) {
        return ALGORITHM + " Credential=" + secretId + "/" + credentialScope() + ", SignedHeaders="
                + SIGNED_HEADERS + ", Signature=" + signature(secretKey, payload);
    }
}
