package io.oneapi.admin.auth;

import io.oneapi.storage.User;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionCodecTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final SessionCodec codec = new SessionCodec(new HmacKey("secret"), NOW, Duration.ofDays(30));
    private final User user = new User(7, "alice", "$2a$10$hash", "Alice", 10, 1, "", "", "", "", "", "token", 0, 0,
            0, "default", "abcd", 0);

    @Test
    void roundTripsAndIsReadByAnotherNodeWithTheSameSecret() {
        Session s = codec.newSession().withUser(user, codec.credentialStamp(user.password())).withTurnstilePassed();
        String cookie = codec.encode(s);
        SessionCodec otherNode = new SessionCodec(new HmacKey("secret"), NOW, Duration.ofDays(30));
        Session back = otherNode.decode(cookie).orElseThrow();
        assertEquals(7, back.userId());
        assertEquals(10, back.role());
        assertTrue(back.turnstilePassed());
        assertTrue(codec.stampMatches(back.credentialStamp(), user.password()));
    }

    @Test
    void rejectsOtherSecretsTamperingExpiryAndGarbage() {
        String cookie = codec.encode(codec.newSession().withUser(user, "stamp"));
        assertEquals(Optional.empty(), new SessionCodec(new HmacKey("other"), NOW, Duration.ofDays(30)).decode(cookie));
        String body = cookie.substring(0, cookie.indexOf('.'));
        String forged = body.replace(body.charAt(5), body.charAt(5) == 'A' ? 'B' : 'A') + cookie.substring(body.length());
        assertEquals(Optional.empty(), codec.decode(forged));
        Clock later = Clock.offset(NOW, Duration.ofDays(31));
        assertEquals(Optional.empty(), new SessionCodec(new HmacKey("secret"), later, Duration.ofDays(30))
                .decode(cookie));
        for (String junk : new String[] {null, "", ".", "abc", "abc.", ".abc", "!!!.???"}) {
            assertEquals(Optional.empty(), codec.decode(junk), String.valueOf(junk));
        }
    }

    @Test
    void passwordChangeChangesTheStamp() {
        assertNotEquals(codec.credentialStamp("$2a$10$one"), codec.credentialStamp("$2a$10$two"));
        assertTrue(!codec.stampMatches(codec.credentialStamp("$2a$10$one"), "$2a$10$two"));
    }

    @Test
    void internalSecretIsHexHmacOfTheWordInternal() {
        String secret = new HmacKey("secret").internalRouteSecret();
        assertEquals(64, secret.length());
        assertTrue(secret.matches("[0-9a-f]+"));
        assertNotEquals(secret, new HmacKey("other").internalRouteSecret());
    }
}
