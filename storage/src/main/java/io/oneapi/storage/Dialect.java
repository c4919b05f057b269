package io.oneapi.storage;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SQL that differs between the three engines One API supports. Everything else the stores write is plain
 * SQL that all three accept ({@code LIMIT ? OFFSET ?}, {@code ?} parameters, booleans bound as parameters).
 */
public enum Dialect {
    SQLITE("sqlite", "sqlite", '"', "RANDOM()"),
    MYSQL("mysql", "mysql", '`', "RAND()"),
    POSTGRES("postgres", "postgresql", '"', "RANDOM()");

    private final String displayName;
    private final String migrationFolder;
    private final char quote;
    private final String random;

    Dialect(String displayName, String migrationFolder, char quote, String random) {
        this.displayName = displayName;
        this.migrationFolder = migrationFolder;
        this.quote = quote;
        this.random = random;
    }

    /** Short engine name used in messages: {@code sqlite}, {@code mysql}, {@code postgres}. */
    public String displayName() {
        return displayName;
    }

    /** Quotes an identifier; needed for One API's reserved column names {@code group} and {@code key}. */
    public String quote(String identifier) {
        return quote + identifier + quote;
    }

    /** {@code ORDER BY} expression for a random row order. */
    public String randomOrder() {
        return random;
    }

    /**
     * An {@code INSERT} that, when a row with the same key exists, overwrites its value columns instead.
     * Parameters are the key columns, then the value columns, in the order given.
     */
    public String upsert(String table, List<String> keyColumns, List<String> valueColumns) {
        String columns = joinQuoted(concat(keyColumns, valueColumns));
        String marks = String.join(", ", Collections.nCopies(keyColumns.size() + valueColumns.size(), "?"));
        String insert = "INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")";
        if (this == MYSQL) {
            // VALUES(col) rather than the 8.0.19 row alias: MariaDB only understands this form.
            return insert + " ON DUPLICATE KEY UPDATE " + valueColumns.stream()
                    .map(c -> quote(c) + " = VALUES(" + quote(c) + ")").collect(Collectors.joining(", "));
        }
        return insert + " ON CONFLICT (" + joinQuoted(keyColumns) + ") DO UPDATE SET "
                + valueColumns.stream().map(c -> quote(c) + " = excluded." + quote(c)).collect(Collectors.joining(", "));
    }

    /**
     * An integer expression: the UTC day (days since 1970-01-01) of a column holding unix seconds. Dashboards
     * bucket by it and format the day in Java, so every engine buckets the same way whatever its session time
     * zone (One API used the MySQL session zone, the PostgreSQL session zone and UTC on SQLite).
     */
    public String epochDay(String unixSecondsColumn) {
        return this == MYSQL ? "(" + unixSecondsColumn + " DIV 86400)" : "(" + unixSecondsColumn + " / 86400)";
    }

    /** Folder under {@code db/migration} and {@code db/migration-logs} holding this engine's SQL. */
    String migrationFolder() {
        return migrationFolder;
    }

    private String joinQuoted(List<String> columns) {
        return columns.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
