package io.oneapi.plugin.anthropic;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for the {@code Authorization} header, written from AWS's published algorithm:
 * canonical request (method, canonical URI with each path segment encoded again as non-S3 services
 * expect, sorted canonical query, lower-case sorted headers with trimmed values, signed header list,
 * payload SHA-256), string to sign ({@code AWS4-HMAC-SHA256}, timestamp, scope, hash of the canonical
 * request) and the signing key chain {@code HMAC("AWS4"+secret, date) -> region -> service -> "aws4_request"}.
 */
final class AwsSigV4 {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final HexFormat HEX = HexFormat.of();

    /** The intermediate results too, so tests can compare them with AWS's published ones. */
    record Signature(String canonicalRequest, String stringToSign, String authorization) {
    }

    private AwsSigV4() {
    }

    /**
     * @param headers the headers to sign by lower-case name; must include {@code host} and {@code x-amz-date}
     * @param amzDate the {@code x-amz-date} value, {@code yyyyMMdd'T'HHmmss'Z'}
     */
    static Signature sign(String accessKey, String secretKey, String region, String service, String method, URI uri,
                          SortedMap<String, String> headers, byte[] payload, String amzDate) {
        String signedHeaders = String.join(";", headers.keySet());
        StringBuilder canonical = new StringBuilder()
                .append(method).append('\n')
                .append(canonicalUri(uri.getRawPath())).append('\n')
                .append(canonicalQuery(uri.getRawQuery())).append('\n');
        for (Map.Entry<String, String> header : headers.entrySet()) {
            canonical.append(header.getKey()).append(':').append(header.getValue().strip().replaceAll(" +", " "))
                    .append('\n');
        }
        canonical.append('\n').append(signedHeaders).append('\n').append(HEX.formatHex(sha256(payload)));
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + HEX.formatHex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = HEX.formatHex(hmac(key, stringToSign));
        String authorization = ALGORITHM + " Credential=" + accessKey + "/" + scope + ", SignedHeaders="
                + signedHeaders + ", Signature=" + signature;
        return new Signature(canonical.toString(), stringToSign, authorization);
    }

    /** The path as sent (already encoded once), each segment encoded again. */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        String[] segments = rawPath.split("/", -1);
        List<String> encoded = new ArrayList<>(segments.length);
        for (String segment : segments) {
            encoded.add(uriEncode(segment, true));
        }
        return String.join("/", encoded);
    }

    /** Parameters decoded, encoded the AWS way and sorted by name, then value. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> params = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(new String[] {uriEncode(percentDecode(name), true), uriEncode(percentDecode(value), true)});
        }
        params.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>(params.size());
        for (String[] param : params) {
            joined.add(param[0] + "=" + param[1]);
        }
        return String.join("&", joined);
    }

    /** RFC 3986 encoding as AWS wants it: unreserved characters kept, everything else %XX upper case. */
    static String uriEncode(String text, boolean encodeSlash) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~' || c == '/' && !encodeSlash) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Decodes %XX escapes (a stray '%' stays as it is); '+' is not a space in AWS's rules. */
    private static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            int hi = i + 2 < text.length() && text.charAt(i) == '%' ? Character.digit(text.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                out.write(hi << 4 | lo);
                i += 3;
            } else {
                int next = text.indexOf('%', i + 1);
                int end = next < 0 ? text.length() : next;
                out.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
