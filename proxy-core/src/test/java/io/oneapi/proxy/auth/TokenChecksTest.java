package io.oneapi.proxy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.oneapi.storage.Token;
import io.oneapi.storage.User;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TokenChecksTest {
    private static Token token(int status, long expired, long remain, boolean unlimited, String models, String subnet) {
        return new Token(1, 1, "k", status, "t", 0, 0, expired, remain, unlimited, 0, models, subnet);
    }

    @Test
    void parsesPresentedKeys() {
        assertEquals(new PresentedKey("abc", ""), PresentedKey.parse("Bearer sk-abc"));
        assertEquals(new PresentedKey("abc", "7"), PresentedKey.parse("Bearer sk-abc-7"));
        assertEquals(new PresentedKey("abc", ""), PresentedKey.parse("abc"));
        assertEquals("", PresentedKey.parse(null).key());
        assertEquals("", PresentedKey.parse("Bearer ").key());
    }

    @Test
    void tokenStatusOrderAndCodes() {
        long now = 1_000;
        assertNull(TokenChecks.checkToken(token(1, -1, 10, false, "", ""), now));
        assertEquals("token_quota_exhausted", TokenChecks.checkToken(token(4, -1, 10, false, "", ""), now).code());
        assertEquals("token_expired", TokenChecks.checkToken(token(3, -1, 10, false, "", ""), now).code());
        assertEquals("token_disabled", TokenChecks.checkToken(token(2, -1, 10, false, "", ""), now).code());
        assertEquals("token_expired", TokenChecks.checkToken(token(1, 999, 10, false, "", ""), now).code());
        assertEquals("token_quota_exhausted", TokenChecks.checkToken(token(1, -1, 0, false, "", ""), now).code());
        assertNull(TokenChecks.checkToken(token(1, -1, 0, true, "", ""), now));
        assertEquals(401, TokenChecks.checkToken(token(2, -1, 10, false, "", ""), now).status());
    }

    @Test
    void subnetsAllowListedAddressesOnly() throws Exception {
        Token t = token(1, -1, 1, false, "", "10.0.0.0/8, 192.168.1.5, ::1/128");
        assertNull(TokenChecks.checkSubnet(t, InetAddress.getByName("10.2.3.4")));
        assertNull(TokenChecks.checkSubnet(t, InetAddress.getByName("192.168.1.5")));
        assertNull(TokenChecks.checkSubnet(t, InetAddress.getByName("::1")));
        assertEquals(403, TokenChecks.checkSubnet(t, InetAddress.getByName("192.168.1.6")).status());
        Token broken = token(1, -1, 1, false, "", "not-a-cidr");
        assertEquals(403, TokenChecks.checkSubnet(broken, InetAddress.getByName("127.0.0.1")).status());
        assertNull(TokenChecks.checkSubnet(token(1, -1, 1, false, "", " "), InetAddress.getByName("1.2.3.4")));
    }

    @Test
    void modelAllowListAndUserStatus() {
        Token t = token(1, -1, 1, false, "gpt-4o, gpt-4o-mini", "");
        assertNull(TokenChecks.checkModel(t, "gpt-4o-mini"));
        assertEquals("model_not_allowed", TokenChecks.checkModel(t, "o1").code());
        assertNull(TokenChecks.checkModel(token(1, -1, 1, false, "", ""), "anything"));
        User banned = new User(1, "u", "", "", 1, 2, "", "", "", "", "", "", 0, 0, 0, "default", "", 0);
        assertEquals("user_banned", TokenChecks.checkUser(banned).code());
        assertEquals("user_banned", TokenChecks.checkUser(null).code());
    }
}
