package io.oneapi.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DialectTest {
    @Test
    void quotesReservedColumnsPerEngine() {
        assertEquals("`group`", Dialect.MYSQL.quote("group"));
        assertEquals("\"key\"", Dialect.POSTGRES.quote("key"));
        assertEquals("\"key\"", Dialect.SQLITE.quote("key"));
    }

    @Test
    void upsertPerEngine() {
        assertEquals("INSERT INTO options (`key`, `value`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `value` = VALUES(`value`)",
                Dialect.MYSQL.upsert("options", List.of("key"), List.of("value")));
        assertEquals("INSERT INTO options (\"key\", \"value\") VALUES (?, ?) ON CONFLICT (\"key\") DO UPDATE SET"
                        + " \"value\" = excluded.\"value\"",
                Dialect.POSTGRES.upsert("options", List.of("key"), List.of("value")));
    }

    @Test
    void randomOrderAndDayBuckets() {
        assertEquals("RAND()", Dialect.MYSQL.randomOrder());
        assertEquals("RANDOM()", Dialect.SQLITE.randomOrder());
        assertEquals("(created_at DIV 86400)", Dialect.MYSQL.epochDay("created_at"));
        assertEquals("(created_at / 86400)", Dialect.POSTGRES.epochDay("created_at"));
    }
}
