package io.oneapi.storage;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reading and writing One API's loosely typed columns: GORM leaves most of them nullable, so NULL text reads as
 * "" and NULL numbers as 0; char(n) columns come back space-padded from PostgreSQL and are trimmed.
 */
final class Columns {
    private Columns() {
    }

    static String text(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? "" : value;
    }

    /** A char(n) column (keys, access tokens): PostgreSQL pads these with spaces to n characters. */
    static String fixed(ResultSet rs, String column) throws SQLException {
        return text(rs, column).stripTrailing();
    }

    /** Unique text columns store NULL rather than "" so that several rows may leave them empty. */
    static String nullIfBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** A LIKE pattern matching values that start with {@code keyword}, escaped with '!' (use {@code ESCAPE '!'}). */
    static String startsWith(String keyword) {
        String escaped = nullToEmpty(keyword).replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return escaped + "%";
    }

    /** One API matches a search keyword against ids too; a non-number matches no id. */
    static long idOrZero(String keyword) {
        try {
            return Long.parseLong(nullToEmpty(keyword).strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
