package io.oneapi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void masksApiKeys() {
        assertEquals("key sk-*** used", Redactor.redact("key sk-abcdefghijklmnopqrstuvwxyz0123 used"));
        assertEquals("sk-***-7 for channel 7", Redactor.redact("sk-" + "A1".repeat(24) + "-7 for channel 7"));
        assertEquals("short sk-abc stays", Redactor.redact("short sk-abc stays"));
    }

    @Test
    void masksBareOneApiKeys() {
        assertEquals("token *** ok", Redactor.redact("token " + "aB3".repeat(16) + " ok"));
        assertEquals("a 64-char hash " + "ab12".repeat(16) + " stays",
                Redactor.redact("a 64-char hash " + "ab12".repeat(16) + " stays"));
    }

    @Test
    void masksBearerCredentials() {
        assertEquals("Authorization: Bearer ***", Redactor.redact("Authorization: Bearer eyJhbGciOi.J9.x"));
        assertEquals("{\"h\":\"bearer ***\"}", Redactor.redact("{\"h\":\"bearer abc123\"}"));
    }

    @Test
    void masksPasswords() {
        assertEquals("login password=*** user=root", Redactor.redact("login password=hunter2 user=root"));
        assertEquals("{\"password\":\"***\",\"u\":1}", Redactor.redact("{\"password\":\"123456\",\"u\":1}"));
        assertEquals("PASSWD=*** x", Redactor.redact("PASSWD=s3cr3t x"));
        assertEquals("{\"pwd\" : \"***\"}", Redactor.redact("{\"pwd\" : \"a b\"}"));
        String prose = "created root with the default password: sign in and change it now";
        assertEquals(prose, Redactor.redact(prose));
    }

    @Test
    void masksPasswordsInDsnsAndUrls() {
        assertEquals("dsn root:***@tcp(localhost:3306)/oneapi",
                Redactor.redact("dsn root:123456@tcp(localhost:3306)/oneapi"));
        assertEquals("postgres://postgres:***@db:5432/oneapi",
                Redactor.redact("postgres://postgres:pw@db:5432/oneapi"));
        assertEquals("redis://default:***@h:6379", Redactor.redact("redis://default:redispw@h:6379"));
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String line = "2026-01-01 12:30:45.123 INFO [main] io.oneapi.X - listening on 0.0.0.0:3000 (id 42)";
        assertEquals(line, Redactor.redact(line));
        assertEquals("", Redactor.redact(""));
    }
}
