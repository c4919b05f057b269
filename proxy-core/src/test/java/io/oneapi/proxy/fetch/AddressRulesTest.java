package io.oneapi.proxy.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressRulesTest {

    private static boolean allowed(String literal, boolean loopback) throws UnknownHostException {
        return AddressRules.allowed(InetAddress.getByName(literal), loopback);
    }

    @Test
    void publicUnicastIsAllowed() throws UnknownHostException {
        for (String literal : List.of("8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.1",
                "100.63.255.255", "100.128.0.1", "198.17.255.255", "198.20.0.1", "192.0.1.1", "223.255.255.254",
                "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "64:ff9b::808:808", "2002:808:808::1")) {
            assertTrue(allowed(literal, false), literal);
        }
    }

    @Test
    void specialPurposeRangesAreRefused() throws UnknownHostException {
        for (String literal : List.of("0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1",
                "100.127.255.254", "127.0.0.1", "127.1.2.3", "169.254.169.254", "169.254.0.1", "172.16.0.1",
                "172.31.255.255", "192.0.0.192", "192.0.2.10", "192.88.99.1", "192.168.1.1", "198.18.0.1",
                "198.19.255.255", "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1",
                "255.255.255.255", "::", "::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::10.0.0.1",
                "fd00:ec2::254", "fc00::1", "fdff:ffff::1", "fe80::1", "febf::1", "fec0::1", "ff02::1", "ff05::2",
                "2001:db8::1", "2001::1", "2001:1ff::1", "3fff::1", "64:ff9b::a00:1", "64:ff9b::a9fe:a9fe",
                "64:ff9b:1::1", "2002:a00:1::", "2002:a9fe:a9fe::", "100::1", "::2:3:4", "1::1", "4000::1")) {
            assertFalse(allowed(literal, false), literal);
        }
    }

    @Test
    void theTestPolicyOpensLoopbackOnly() throws UnknownHostException {
        assertTrue(allowed("127.0.0.1", true));
        assertTrue(allowed("::1", true));
        assertTrue(allowed("::ffff:127.0.0.1", true));
        for (String literal : List.of("10.0.0.1", "169.254.169.254", "::", "0.0.0.0", "fd00:ec2::254",
                "64:ff9b::7f00:1")) {
            assertFalse(allowed(literal, true), literal);
        }
    }

    @Test
    void mediaTypeComesFromMagicBytesThenFromAnImageContentType() {
        assertEquals("image/png", ImageMediaType.decide("text/plain", ImageServer.PNG));
        assertEquals("image/jpeg", ImageMediaType.decide(null, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0}));
        assertEquals("image/gif", ImageMediaType.decide("", "GIF87a....".getBytes()));
        assertEquals("image/webp", ImageMediaType.decide(null, "RIFF\0\0\0\0WEBPVP8 ".getBytes()));
        assertEquals("image/avif", ImageMediaType.decide(null, "\0\0\0\u001cftypavif".getBytes()));
        assertEquals("image/heic", ImageMediaType.decide(null, "\0\0\0\u0018ftypheic".getBytes()));
        assertEquals("image/bmp", ImageMediaType.decide("Image/BMP; x=1", "BM....".getBytes()));
        assertEquals(null, ImageMediaType.decide("text/html", "<html>".getBytes()));
        assertEquals(null, ImageMediaType.decide(null, new byte[0]));
    }
}
