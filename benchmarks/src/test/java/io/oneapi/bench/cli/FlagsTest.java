package io.oneapi.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class FlagsTest {
    private static final Set<String> KNOWN = Set.of("rate", "url", "warm");

    @Test
    void readsValuesAndDefaults() {
        Flags flags = Flags.parse(new String[] {"--rate", "500", "--url", "http://x", "--warm", "true"}, KNOWN);
        assertEquals(500, flags.number("rate", 1));
        assertEquals("http://x", flags.required("url"));
        assertTrue(flags.bool("warm", false));
        assertEquals(7, Flags.parse(new String[0], KNOWN).number("rate", 7));
    }

    @Test
    void refusesTyposMissingValuesAndBadNumbers() {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> Flags.parse(new String[] {"--rat", "5"}, KNOWN));
        assertTrue(typo.getMessage().contains("--rat"), typo.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Flags.parse(new String[] {"--rate"}, KNOWN));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Flags.parse(new String[] {"--rate", "fast"}, KNOWN).number("rate", 1));
        assertEquals("--rate: fast (expected: an integer)", bad.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Flags.parse(new String[] {"--warm", "yes"}, KNOWN).bool("warm", false));
        assertThrows(IllegalArgumentException.class, () -> Flags.parse(new String[0], KNOWN).required("url"));
    }
}
