package io.oneapi.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DotEnvTest {

    private final List<String> errors = new ArrayList<>();

    private Map<String, String> parse(String content) {
        return DotEnv.parse(content, ".env", errors);
    }

    @Test
    void readsPlainPairsCommentsBlankLinesAndExport() {
        Map<String, String> values = parse("""
                # a comment

                PORT=3000
                export SQL_DSN=root:pw@tcp(localhost:3306)/oneapi
                  THEME = berry  # trailing comment
                URL=http://host/#fragment
                """);
        assertEquals(Map.of("PORT", "3000", "SQL_DSN", "root:pw@tcp(localhost:3306)/oneapi", "THEME", "berry",
                "URL", "http://host/#fragment"), values);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void handlesQuotes() {
        Map<String, String> values = parse("""
                A="two words # not a comment"
                B='literal \\n $HOME'
                C="line\\nbreak \\"quoted\\""
                D=""
                E="x" # comment after quotes
                """);
        assertEquals("two words # not a comment", values.get("A"));
        assertEquals("literal \\n $HOME", values.get("B"));
        assertEquals("line\nbreak \"quoted\"", values.get("C"));
        assertEquals("", values.get("D"));
        assertEquals("x", values.get("E"));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void lastDuplicateWinsAndWindowsLineEndingsWork() {
        assertEquals(Map.of("A", "2"), parse("A=1\r\nA=2\r\n"));
    }

    @Test
    void reportsMalformedLinesByNumberWithoutQuotingThem() {
        Map<String, String> values = parse("""
                GOOD=1
                SESSION_SECRET supersecret
                1BAD=x
                OPEN="unterminated
                SINGLE='also
                """);
        assertEquals(Map.of("GOOD", "1"), values);
        assertEquals(4, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(".env line 2: not a KEY=VALUE line"), errors.get(0));
        assertTrue(errors.get(1).startsWith(".env line 3: invalid variable name"), errors.get(1));
        assertTrue(errors.get(2).startsWith(".env line 4: OPEN: unterminated double-quoted"), errors.get(2));
        assertTrue(errors.get(3).startsWith(".env line 5: SINGLE: unterminated single-quoted"), errors.get(3));
        assertFalse(String.join("\n", errors).contains("supersecret"));
    }
}
