package io.oneapi.storage;

import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A database as One API leaves it: its GORM-made tables (test resources {@code oneapi-schema/<engine>.sql}) and
 * representative rows in all seven, including the NULLs older rows carry. Rows get ids 1, 2, 3 in order.
 */
final class OneApiDatabase {
    /** Go's bcrypt test vector: "allmine" hashed by golang.org/x/crypto/bcrypt at cost 10. */
    static final String GO_HASH = "$2a$10$XajjQvNhvvRt5GSeFk1xFeyqRrsxkhBkUiQeg0dt.wU1qD4aFDcga";
    static final String GO_PASSWORD = "allmine";
    static final String ROOT_ACCESS_TOKEN = "0123456789abcdef0123456789abcdef";
    static final String ROOT_KEY = "AbCdEfGhIjKlMnOp0123456789ABCDEF0123456789abcdef";
    static final String ALICE_KEY = "Zyxwvutsrqponmlk9A8B7C6D5E4F3A2B1C0D9E8F7A6B5C4D";
    static final String SPENT_KEY = "shortkey";
    static final String PROMO_CODE = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    static final String USED_CODE = "ffffffffeeeeeeeeddddddddcccccccc";
    static final List<String> TABLES =
            List.of("users", "tokens", "channels", "abilities", "options", "redemptions", "logs");

    private OneApiDatabase() {
    }

    static void create(TestDatabase db) {
        try (Connection c = db.connect()) {
            for (String ddl : ddl(db.engine())) {
                try (Statement s = c.createStatement()) {
                    s.execute(ddl);
                }
            }
            insertRows(c, db.engine() == Engine.MYSQL ? '`' : '"');
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ddl(Engine engine) {
        String name = "/oneapi-schema/" + (engine == Engine.POSTGRES ? "postgresql" : engine.name().toLowerCase()) + ".sql";
        try (InputStream in = OneApiDatabase.class.getResourceAsStream(name)) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String code = script.lines().filter(l -> !l.startsWith("--")).collect(Collectors.joining("\n"));
            return Arrays.stream(code.split(";\n?")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void insertRows(Connection c, char q) throws SQLException {
        String key = q + "key" + q;
        String group = q + "group" + q;
        String userCols = "username, password, display_name, role, status, email, github_id, wechat_id, lark_id, oidc_id,"
                + " access_token, quota, used_quota, request_count, " + group + ", aff_code, inviter_id";
        insert(c, "users", userCols, "root", GO_HASH, "Root User", 100, 1, "root@example.com", "", "", "", "",
                ROOT_ACCESS_TOKEN, 500_000_000_000_000L, 1234L, 7, "default", "", 0);
        insert(c, "users", userCols, "alice", GO_HASH, "Alice", 1, 1, null, "gh-42", "", "", null, null, 1000L, 0L,
                0, "vip", "Ab3x", 1);
        insert(c, "users", userCols, "deleted_5c1e", GO_HASH, "Gone", 1, 3, "", "", "", "", "",
                "fedcba9876543210fedcba9876543210", 0L, 0L, 0, "default", "Zq9w", 0);

        String tokenCols = "user_id, " + key + ", status, name, created_time, accessed_time, expired_time, remain_quota,"
                + " unlimited_quota, used_quota, models, subnet";
        insert(c, "tokens", tokenCols, 1, ROOT_KEY, 1, "Initial Root Token", 1_700_000_000L, 1_700_000_100L, -1L,
                500_000_000_000_000L, true, 0L, "", "");
        insert(c, "tokens", tokenCols, 2, ALICE_KEY, 1, "prod", 1_700_000_000L, 1_700_000_500L, 1_900_000_000L,
                5000L, false, 120L, "gpt-4o,gpt-4o-mini", "10.0.0.0/8");
        insert(c, "tokens", tokenCols, 2, SPENT_KEY, 4, "spent", 1_700_000_000L, 1_700_000_000L, -1L, 0L, false,
                300L, null, null);

        String channelCols = "type, " + key + ", status, name, weight, created_time, test_time, response_time,"
                + " base_url, other, balance, balance_updated_time, models, " + group + ", used_quota, model_mapping,"
                + " priority, config, system_prompt";
        insert(c, "channels", channelCols, 1, "sk-upstream-1", 1, "openai-main", 0, 1_700_000_000L, 1_700_000_900L,
                321, "", "", 12.5, 1_700_000_950L, "gpt-4o,gpt-4o-mini", "default,vip", 999L,
                "{\"gpt-4\":\"gpt-4o\"}", 10L, "{\"region\":\"\"}", "");
        insert(c, "channels", channelCols, 14, "sk-ant-2", 3, "claude", null, 1_700_000_000L, 0L, 0, null, null,
                0.0, 0L, "claude-3-5-sonnet", "default", 0L, null, null, null, null);

        String abilityCols = group + ", model, channel_id, enabled, priority";
        insert(c, "abilities", abilityCols, "default", "gpt-4o", 1, true, 10L);
        insert(c, "abilities", abilityCols, "default", "gpt-4o-mini", 1, true, 10L);
        insert(c, "abilities", abilityCols, "vip", "gpt-4o", 1, true, 10L);
        insert(c, "abilities", abilityCols, "vip", "gpt-4o-mini", 1, true, 10L);
        insert(c, "abilities", abilityCols, "default", "claude-3-5-sonnet", 2, false, null);

        String optionCols = key + ", value";
        insert(c, "options", optionCols, "QuotaPerUnit", "500000");
        insert(c, "options", optionCols, "SystemName", "我的 API");
        insert(c, "options", optionCols, "ModelRatio", "{\"gpt-4o\":2.5}");

        String redemptionCols = "user_id, " + key + ", status, name, quota, created_time, redeemed_time";
        insert(c, "redemptions", redemptionCols, 1, PROMO_CODE, 1, "promo", 10_000L, 1_700_000_000L, 0L);
        insert(c, "redemptions", redemptionCols, 1, USED_CODE, 3, "spent", 500L, 1_700_000_000L, 1_700_001_000L);

        String logCols = "user_id, created_at, type, content, username, token_name, model_name, quota, prompt_tokens,"
                + " completion_tokens, channel_id, request_id, elapsed_time, is_stream, system_prompt_reset";
        insert(c, "logs", logCols, 2, 1_700_000_000L, 1, "通过兑换码充值 $0.02", "alice", "", "", 10_000, 0, 0, 0, "",
                0L, false, false);
        insert(c, "logs", logCols, 2, 1_700_000_600L, 2, "模型倍率 2.50", "alice", "prod", "gpt-4o", 150, 100, 20, 1,
                "20231114221000123456789", 1500L, true, false);
        insert(c, "logs", logCols, 2, 1_700_090_000L, 2, "", "alice", "prod", "gpt-4o-mini", 30, 50, 10, 1, "", 800L,
                false, true);
    }

    private static void insert(Connection c, String table, String columns, Object... values) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(values.length, "?"));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")")) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    ps.setNull(i + 1, java.sql.Types.NULL);
                } else {
                    ps.setObject(i + 1, values[i]);
                }
            }
            ps.executeUpdate();
        }
    }

    /** Every row of every One API table, column by column, in key order. */
    static Map<String, List<Map<String, Object>>> dump(TestDatabase db) {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        char q = db.engine() == Engine.MYSQL ? '`' : '"';
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                String order = switch (table) {
                    case "abilities" -> q + "group" + q + ", model, channel_id";
                    case "options" -> q + "key" + q;
                    default -> "id";
                };
                List<Map<String, Object>> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY " + order)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.put(meta.getColumnLabel(i), rs.getObject(i));
                        }
                        rows.add(row);
                    }
                }
                tables.put(table, rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return tables;
    }
}
