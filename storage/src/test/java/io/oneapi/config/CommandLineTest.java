package io.oneapi.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private final List<String> errors = new ArrayList<>();

    private CommandLine parse(String... args) {
        return CommandLine.parse(List.of(args), errors);
    }

    @Test
    void acceptsSeparateAndInlineValuesWithOneOrTwoDashes() {
        CommandLine cli = parse("--port", "4000", "-admin-port=4001", "--log-dir=/var/log/x", "-role", "PROXY");
        assertEquals(4000, cli.port());
        assertEquals(4001, cli.adminPort());
        assertEquals("/var/log/x", cli.logDir());
        assertEquals(GatewayConfig.Role.PROXY, cli.role());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void nothingGivenMeansNull() {
        CommandLine cli = parse();
        assertNull(cli.port());
        assertNull(cli.role());
        assertFalse(cli.help());
    }

    @Test
    void lastOccurrenceWins() {
        assertEquals("b", parse("--log-dir", "a", "--log-dir", "b").logDir());
    }

    @Test
    void booleanFlags() {
        assertTrue(parse("--help").help());
        assertTrue(parse("-h").help());
        assertTrue(parse("--version").version());
        assertFalse(parse("--version=false").version());
        assertTrue(errors.isEmpty());
    }

    @Test
    void reportsEveryProblem() {
        parse("--port", "abc", "--role=boss", "stray", "--bogus", "--admin-port=70000", "--version=maybe", "--log-dir");
        assertEquals(List.of(
                "--port: abc (expected: a port number from 0 to 65535, 0 for any free port)",
                "--role: boss (expected: one of all, proxy, admin)",
                "unexpected argument: stray (expected: flags only, see --help)",
                "unknown flag: --bogus (expected: one of --port, --admin-port, --role, --log-dir, --version, --help)",
                "--admin-port: 70000 (expected: a port number from 0 to 65535, 0 for any free port)",
                "--version: maybe (expected: true, false, 1 or 0)",
                "--log-dir: missing value"), errors);
    }
}
