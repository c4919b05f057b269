package io.oneapi.admin.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {
    @Test
    void acceptsWhatGoParseCidrAccepts() {
        for (String ok : new String[] {"10.0.0.0/8", "192.168.1.7/32", "0.0.0.0/0", "2001:db8::/32", "::1/128"}) {
            assertTrue(Cidr.valid(ok), ok);
        }
        for (String bad : new String[] {"10.0.0.0", "10.0.0.0/33", "256.0.0.0/8", "a.b.c.d/8", "2001:db8::/129",
                "/8", "10.0.0.0/8/8", "example.com/8", "10.0.0.0/x"}) {
            assertFalse(Cidr.valid(bad), bad);
        }
    }
}
