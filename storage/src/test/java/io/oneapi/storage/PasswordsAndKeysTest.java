package io.oneapi.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordsAndKeysTest {
    @Test
    void hashesAreGoCompatibleBcrypt() {
        String hash = Passwords.hash("123456");
        assertTrue(hash.startsWith("$2a$10$"), hash);
        assertEquals(60, hash.length());
        assertTrue(Passwords.verify("123456", hash));
        assertFalse(Passwords.verify("1234567", hash));
        assertNotEquals(hash, Passwords.hash("123456"), "salted");
        assertTrue(Passwords.verify(OneApiDatabase.GO_PASSWORD, OneApiDatabase.GO_HASH), "verifies Go's hash");
        assertFalse(Passwords.verify("allmine2", OneApiDatabase.GO_HASH));
    }

    @Test
    void badInputNeverVerifies() {
        assertFalse(Passwords.verify("x", "not a hash"));
        assertFalse(Passwords.verify("x", ""));
        assertFalse(Passwords.verify(null, OneApiDatabase.GO_HASH));
        assertFalse(Passwords.verify("x", null));
        assertFalse(Passwords.verify("a".repeat(73), OneApiDatabase.GO_HASH));
        assertThrows(IllegalArgumentException.class, () -> Passwords.hash("é".repeat(37)), "74 bytes");
    }

    @Test
    void keysHaveOneApisFormats() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String key = Keys.tokenKey();
            assertTrue(key.matches("[0-9A-Za-z]{16}[0-9a-fA-F]{32}"), key);
            for (int j = 16; j < 48; j += 2) {
                assertFalse(Character.isLowerCase(key.charAt(j)), "even UUID positions are upper-case: " + key);
            }
            assertTrue(seen.add(key));
        }
        assertTrue(Keys.accessToken().matches("[0-9a-f]{32}"));
        assertTrue(Keys.redemptionCode().matches("[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}"), "a v4 UUID");
        assertTrue(Keys.affCode().matches("[0-9A-Za-z]{4}"));
    }
}
