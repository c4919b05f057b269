package io.oneapi.storage;

import static io.oneapi.storage.MigrationsTest.baselines;
import static io.oneapi.storage.MigrationsTest.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.config.GatewayConfig.BootstrapSettings;
import io.oneapi.storage.LogStore.DailyModelUsage;
import io.oneapi.storage.LogStore.LogFilter;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A database One API created is opened as it is: baselined, every row and column unchanged, readable. */
class AdoptionTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void adoptsWithoutTouchingARowAndReadsEverything(TestDatabases.Engine engine) {
        try (TestDatabase db = engine.create(dir)) {
            OneApiDatabase.create(db);
            Map<String, List<Map<String, Object>>> before = OneApiDatabase.dump(db);
            assertEquals(3, before.get("users").size());

            try (Storage storage = db.openStorage()) {
                assertEquals(before, OneApiDatabase.dump(db));
                assertEquals(List.of("1"), baselines(storage.database(), "flyway_schema_history"));
                assertEquals(List.of("1"), baselines(storage.database(), "flyway_logs_history"));
                assertEquals(List.of("2", "3"), versions(storage.database(), "flyway_schema_history"), "V1 never ran");
                assertEquals(List.of("2"), versions(storage.database(), "flyway_logs_history"));
                assertFalse(FirstBoot.ensureRootAccount(storage, new BootstrapSettings("sk-abc", "")));
                readsUsers(storage);
                readsTokens(storage);
                readsChannels(storage);
                readsTheRest(storage);
            }
            try (Storage again = db.openStorage()) {
                assertEquals(3, again.users().count());
            }
            assertEquals(before, OneApiDatabase.dump(db));
        }
    }

    private static void readsUsers(Storage storage) {
        User root = storage.users().findByUsername("root").orElseThrow();
        assertEquals(new User(1, "root", OneApiDatabase.GO_HASH, "Root User", 100, 1, "root@example.com", "", "", "",
                "", OneApiDatabase.ROOT_ACCESS_TOKEN, 500_000_000_000_000L, 1234, 7, "default", "", 0), root);
        assertTrue(Passwords.verify(OneApiDatabase.GO_PASSWORD, root.password()), "Go bcrypt hash verifies");
        assertEquals(root, storage.users().findByAccessToken(OneApiDatabase.ROOT_ACCESS_TOKEN).orElseThrow());
        User alice = storage.users().findById(2).orElseThrow();
        assertEquals("", alice.email(), "NULL reads as empty");
        assertEquals("", alice.accessToken());
        assertEquals("vip", alice.group());
        assertEquals(1, alice.inviterId());
        assertEquals(alice, storage.users().findByOAuthId("github_id", "gh-42").orElseThrow());
        assertEquals(alice, storage.users().findByAffCode("Ab3x").orElseThrow());
        assertEquals(List.of(2, 1), storage.users().list(0, 10).stream().map(User::id).toList(), "deleted hidden");
    }

    private static void readsTokens(Storage storage) {
        Token rootToken = storage.tokens().findByKey(OneApiDatabase.ROOT_KEY).orElseThrow();
        assertEquals(new Token(1, 1, OneApiDatabase.ROOT_KEY, 1, "Initial Root Token", 1_700_000_000L,
                1_700_000_100L, -1, 500_000_000_000_000L, true, 0, "", ""), rootToken);
        Token prod = storage.tokens().findById(2).orElseThrow();
        assertEquals("gpt-4o,gpt-4o-mini", prod.models());
        assertEquals("10.0.0.0/8", prod.subnet());
        assertFalse(prod.unlimitedQuota());
        Token spent = storage.tokens().findByKey(OneApiDatabase.SPENT_KEY).orElseThrow();
        assertEquals(OneApiDatabase.SPENT_KEY, spent.key(), "char(48) padding removed");
        assertEquals("", spent.models());
        assertEquals(List.of(3, 2), storage.tokens().listByUser(2, 0, 10).stream().map(Token::id).toList());
    }

    private static void readsChannels(Storage storage) {
        ProviderChannel openai = storage.channels().findById(1).orElseThrow();
        assertEquals(new ProviderChannel(1, 1, "sk-upstream-1", 1, "openai-main", 0, 1_700_000_000L, 1_700_000_900L,
                321, "", "", 12.5, 1_700_000_950L, "gpt-4o,gpt-4o-mini", "default,vip", 999,
                "{\"gpt-4\":\"gpt-4o\"}", 10, "{\"region\":\"\"}", ""), openai);
        ProviderChannel claude = storage.channels().findById(2).orElseThrow();
        assertEquals("", claude.baseUrl());
        assertEquals(0, claude.priority());
        assertEquals(List.of("gpt-4o", "gpt-4o-mini"), storage.channels().modelsForGroup("default"));
        assertEquals(List.of("default", "vip"), storage.channels().groups());
        assertEquals(4, storage.channels().abilities(1).size());
        assertFalse(storage.channels().abilities(2).get(0).enabled());
    }

    private static void readsTheRest(Storage storage) {
        Map<String, String> options = storage.options().loadAll();
        assertEquals("我的 API", options.get("SystemName"));
        assertEquals(3, options.size());
        Redemption promo = storage.redemptions().findById(1).orElseThrow();
        assertEquals(new Redemption(1, 1, OneApiDatabase.PROMO_CODE, 1, "promo", 10_000, 1_700_000_000L, 0), promo);
        List<LogEntry> consume = storage.logs().find(new LogFilter(2, 0, "", "", "", 0, 0, 0), 0, 10);
        assertEquals(List.of(3, 2), consume.stream().map(LogEntry::id).toList());
        assertEquals(new LogEntry(2, 2, 1_700_000_600L, 2, "模型倍率 2.50", "alice", "prod", "gpt-4o", 150, 100, 20, 1,
                "20231114221000123456789", 1500, true, false), consume.get(1));
        assertEquals(List.of(new DailyModelUsage("2023-11-14", "gpt-4o", 1, 150, 100, 20),
                        new DailyModelUsage("2023-11-15", "gpt-4o-mini", 1, 30, 50, 10)),
                storage.logs().dailyUsage(2, 1_699_900_000L, 1_800_000_000L));
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void adoptedDatabaseTakesNewWrites(TestDatabases.Engine engine) {
        try (TestDatabase db = engine.create(dir)) {
            OneApiDatabase.create(db);
            try (Storage storage = db.openStorage()) {
                assertEquals(10_000, storage.redemptions().redeem(OneApiDatabase.PROMO_CODE, 2, 1_800_000_000L));
                assertEquals(11_000, storage.users().findById(2).orElseThrow().quota());
                int bob = storage.users().insert(StoreFixtures.user("bob"));
                assertEquals(4, bob, "ids continue after One API's rows");
                int token = storage.tokens().insert(StoreFixtures.token(bob, Keys.tokenKey()));
                assertEquals(4, token);
                ProviderChannel claude = storage.channels().findById(2).orElseThrow();
                storage.channels().update(withStatus(claude, 1));
                assertEquals(List.of("claude-3-5-sonnet", "gpt-4o", "gpt-4o-mini"),
                        storage.channels().modelsForGroup("default"));
                assertEquals(4, storage.logs().insert(StoreFixtures.consumeLog(bob, 1_800_000_000L, "gpt-4o", 5)));
            }
        }
    }

    private static ProviderChannel withStatus(ProviderChannel c, int status) {
        return new ProviderChannel(c.id(), c.type(), "", status, c.name(), c.weight(), c.createdTime(), c.testTime(),
                c.responseTime(), c.baseUrl(), c.other(), c.balance(), c.balanceUpdatedTime(), c.models(), c.group(),
                c.usedQuota(), c.modelMapping(), c.priority(), c.config(), c.systemPrompt());
    }
}
