package io.oneapi.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SpiVersionTest {

    @Test
    void matchesTheMavenProjectVersion() throws IOException {
        // Surefire runs in the module folder; plugin-api inherits its version from the parent block.
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher parent = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
        assertTrue(parent.find(), "no parent version in plugin-api/pom.xml");
        assertEquals(parent.group(1), SpiVersion.CURRENT);
    }
}
