package io.oneapi.proxy.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UpstreamTargetTest {
    @Test
    void takesUrlsApartOnceAndKeepsThem() {
        UpstreamTarget t = UpstreamTarget.of("https://api.example.com/v1beta/models/g:generateContent?key=a%2Fb");
        assertEquals(new UpstreamEndpoint(true, "api.example.com", 443), t.endpoint());
        assertEquals("/v1beta/models/g:generateContent?key=a%2Fb", t.requestTarget());
        assertEquals("api.example.com", t.hostHeader());
        assertSame(t, UpstreamTarget.of("https://api.example.com/v1beta/models/g:generateContent?key=a%2Fb"));

        UpstreamTarget plain = UpstreamTarget.of("http://127.0.0.1:8080");
        assertEquals("/", plain.requestTarget());
        assertEquals("127.0.0.1:8080", plain.hostHeader());
        assertEquals("[::1]:9000", UpstreamTarget.of("http://[::1]:9000/x").hostHeader());
        assertThrows(IllegalArgumentException.class, () -> UpstreamTarget.of("ftp://example.com/"));
        assertThrows(IllegalArgumentException.class, () -> UpstreamTarget.of("/relative"));
    }
}
