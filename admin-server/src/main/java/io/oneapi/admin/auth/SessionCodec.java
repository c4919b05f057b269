package io.oneapi.admin.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Turns a {@link Session} into a cookie value and back: {@code base64url(json) "." base64url(HMAC-SHA256)},
 * keyed by {@code SESSION_SECRET}, so every node sharing the secret accepts the cookie (multi-node). Expired,
 * tampered or malformed values decode to empty. Also derives the credential stamp of a password hash.
 */
public final class SessionCodec {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final HmacKey key;
    private final Clock clock;
    private final Duration maxAge;
    private final ObjectMapper mapper = JsonMapper.builder().build();

    public SessionCodec(HmacKey key, Clock clock, Duration maxAge) {
        this.key = key;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    public Duration maxAge() {
        return maxAge;
    }

    /** A fresh anonymous session that expires {@link #maxAge()} from now. */
    public Session newSession() {
        return Session.anonymous(clock.instant().plus(maxAge).getEpochSecond());
    }

    public String encode(Session session) {
        Payload p = new Payload(session.userId(), session.username(), session.role(), session.status(),
                session.credentialStamp(), session.expiresAt(), session.oauthState(), session.turnstilePassed());
        String body;
        try {
            body = B64.encodeToString(mapper.writeValueAsBytes(p));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode session", e);
        }
        return body + "." + B64.encodeToString(key.sign("session:" + body));
    }

    public Optional<Session> decode(String cookieValue) {
        if (cookieValue == null) {
            return Optional.empty();
        }
        int dot = cookieValue.indexOf('.');
        if (dot <= 0 || dot == cookieValue.length() - 1) {
            return Optional.empty();
        }
        String body = cookieValue.substring(0, dot);
        byte[] mac;
        try {
            mac = B64D.decode(cookieValue.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac, key.sign("session:" + body))) {
            return Optional.empty();
        }
        Payload p;
        try {
            p = mapper.readValue(B64D.decode(body), Payload.class);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (p.exp <= clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(new Session(p.id, p.name, p.role, p.status, p.stamp, p.exp, p.state, p.turnstile));
    }

    /** A short keyed fingerprint of a password hash; changes whenever the password does. */
    public String credentialStamp(String passwordHash) {
        byte[] mac = key.sign("credential:" + (passwordHash == null ? "" : passwordHash));
        return B64.encodeToString(Arrays.copyOf(mac, 12));
    }

    public boolean stampMatches(String stamp, String passwordHash) {
        return MessageDigest.isEqual(stamp.getBytes(StandardCharsets.US_ASCII),
                credentialStamp(passwordHash).getBytes(StandardCharsets.US_ASCII));
    }

    /** Wire form; short names keep the cookie small. */
    record Payload(@JsonProperty("id") int id, @JsonProperty("name") String name, @JsonProperty("role") int role,
                   @JsonProperty("status") int status, @JsonProperty("stamp") String stamp,
                   @JsonProperty("exp") long exp, @JsonProperty("state") String state,
                   @JsonProperty("ts") boolean turnstile) {
    }
}
