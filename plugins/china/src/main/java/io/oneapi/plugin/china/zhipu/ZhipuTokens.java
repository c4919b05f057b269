package io.oneapi.plugin.china.zhipu;

import io.oneapi.plugin.china.common.Digests;
import io.oneapi.plugin.china.common.Json;
import io.oneapi.plugin.china.common.KeyParts;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The JWT Zhipu takes as {@code Authorization}, signed locally from the channel key {@code id.secret}: header
 * {@code {"alg":"HS256","sign_type":"SIGN","typ":"JWT"}}, claims {@code api_key} (the id), {@code exp} and
 * {@code timestamp} in milliseconds, HMAC-SHA256 with the secret, valid 24 hours as in One API. Signing is pure
 * computation, so tokens are cached here per key (by fingerprint, never the key) until five minutes before
 * they expire. The cache is bounded: past {@link #MAX_KEYS} keys it starts over.
 */
final class ZhipuTokens {
    static final long LIFETIME_MILLIS = 24L * 3600 * 1000;
    static final long REFRESH_MARGIN_MILLIS = 5L * 60 * 1000;
    static final int MAX_KEYS = 256;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private record Signed(String token, long expiresAtMillis) {
    }

    private final LongSupplier clock;
    private final Map<String, Signed> cache = new ConcurrentHashMap<>();

    ZhipuTokens(LongSupplier clockMillis) {
        this.clock = clockMillis;
    }

    /** A valid token for {@code key}; throws {@link IllegalStateException} when the key is not {@code id.secret}. */
    String tokenFor(String key) {
        long now = clock.getAsLong();
        String name = Digests.fingerprint("zhipu", key);
        Signed cached = cache.get(name);
        if (cached != null && now < cached.expiresAtMillis() - REFRESH_MARGIN_MILLIS) {
            return cached.token();
        }
        Signed fresh = new Signed(sign(key, now), now + LIFETIME_MILLIS);
        if (cache.size() >= MAX_KEYS) {
            cache.clear();
        }
        cache.put(name, fresh);
        return fresh.token();
    }

    /** How many keys have a cached token. */
    int cachedKeys() {
        return cache.size();
    }

    static String sign(String key, long nowMillis) {
        String[] parts = KeyParts.split(key, '.', 2, "id.secret");
        String header = encode(Json.write(Json.object().put("alg", "HS256").put("sign_type", "SIGN")
                .put("typ", "JWT")));
        String claims = encode(Json.write(Json.object().put("api_key", parts[0])
                .put("exp", nowMillis + LIFETIME_MILLIS).put("timestamp", nowMillis)));
        String signingInput = header + "." + claims;
        byte[] signature = Digests.hmacSha256(parts[1].getBytes(StandardCharsets.UTF_8), signingInput);
        return signingInput + "." + BASE64URL.encodeToString(signature);
    }

    private static String encode(byte[] json) {
        return BASE64URL.encodeToString(json);
    }
}
