package io.oneapi.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.storage.LogStore.DailyModelUsage;
import io.oneapi.storage.LogStore.LogFilter;
import io.oneapi.storage.testing.TestDatabases.Engine;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(SharedStorages.Resolver.class)
class LogStoreTest {
    /** 2030-01-01T00:00:00Z; every test uses its own user id so the shared database does not mix them. */
    private static final long DAY0 = 1_893_456_000L;

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void insertFindFiltersAndSums(Engine engine, SharedStorages storages) {
        LogStore logs = storages.get(engine).logs();
        int user = 90_001;
        LogEntry topup = new LogEntry(0, user, DAY0, LogEntry.TYPE_TOPUP, "充值", "u1", "", "", 500, 0, 0, 0, "", 0,
                false, false);
        int topupId = logs.insert(topup);
        logs.insertAll(List.of(
                new LogEntry(0, user, DAY0 + 10, 2, "c1", "u1", "tokA", "gpt-4o", 100, 10, 5, 3, "r1", 900, true, false),
                new LogEntry(0, user, DAY0 + 20, 2, "c2", "u1", "tokB", "gpt-4o", 200, 20, 6, 4, "r2", 800, false, true),
                new LogEntry(0, user, DAY0 + 30, 2, "c3", "u1", "tokA", "o3", 300, 30, 7, 3, "r3", 700, false, false)));
        logs.insertAll(List.of());

        List<LogEntry> all = logs.find(filter(0, user, "", "", 0, 0, 0), 0, 10);
        assertEquals(4, all.size());
        assertEquals(topupId, all.get(3).id(), "newest first");
        assertEquals(new LogEntry(all.get(2).id(), user, DAY0 + 10, 2, "c1", "u1", "tokA", "gpt-4o", 100, 10, 5, 3,
                "r1", 900, true, false), all.get(2));
        assertEquals(3, logs.find(filter(2, user, "", "", 0, 0, 0), 0, 10).size());
        assertEquals(2, logs.find(filter(0, user, "tokA", "", 0, 0, 0), 0, 10).size());
        assertEquals(2, logs.find(filter(0, user, "", "gpt-4o", 0, 0, 0), 0, 10).size());
        assertEquals(2, logs.find(filter(0, user, "", "", DAY0 + 10, DAY0 + 20, 0), 0, 10).size());
        assertEquals(2, logs.find(filter(2, user, "", "", 0, 0, 3), 0, 10).size());
        assertEquals(1, logs.find(filter(0, user, "", "", 0, 0, 0), 1, 1).size());
        assertEquals(4, logs.find(new LogFilter(0, 0, "u1", "", "", DAY0, DAY0 + 30, 0), 0, 10).stream()
                .filter(e -> e.userId() == user).count());

        assertEquals(600, logs.sumQuota(filter(2, user, "", "", 0, 0, 0)));
        assertEquals(1100, logs.sumQuota(filter(0, user, "", "", 0, 0, 0)));
        assertEquals(0, logs.sumQuota(filter(2, user, "nobody", "", 0, 0, 0)));
    }

    /** Batches are inserted as multi-row statements of 64 rows: every row lands once, in order, field for field. */
    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void largeBatchesLandRowForRow(Engine engine, SharedStorages storages) {
        LogStore logs = storages.get(engine).logs();
        int user = 90_020;
        int count = 2 * JdbcLogStore.ROWS_PER_STATEMENT + 3;
        List<LogEntry> batch = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(new LogEntry(0, user, DAY0 + i, 2, "text " + i + " 'quoted'", "u" + i, "tok", "m" + (i % 3), i,
                    i + 1, i + 2, 7, "req-" + i, 100 + i, i % 2 == 0, i % 5 == 0));
        }
        logs.insertAll(batch);
        List<LogEntry> stored = logs.find(filter(0, user, "", "", 0, 0, 0), 0, count + 10);
        assertEquals(count, stored.size());
        for (int i = 0; i < count; i++) {
            LogEntry got = stored.get(count - 1 - i); // newest first
            LogEntry want = batch.get(i);
            assertEquals(new LogEntry(got.id(), want.userId(), want.createdAt(), want.type(), want.content(),
                    want.username(), want.tokenName(), want.modelName(), want.quota(), want.promptTokens(),
                    want.completionTokens(), want.channelId(), want.requestId(), want.elapsedTime(), want.isStream(),
                    want.systemPromptReset()), got);
        }
        assertEquals((long) count * (count - 1) / 2, logs.sumQuota(filter(0, user, "", "", 0, 0, 0)));
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void dailyUsageBucketsByUtcDay(Engine engine, SharedStorages storages) {
        LogStore logs = storages.get(engine).logs();
        int user = 90_002;
        logs.insertAll(List.of(
                StoreFixtures.consumeLog(user, DAY0 + 86_399, "gpt-4o", 10),
                StoreFixtures.consumeLog(user, DAY0 + 86_400, "gpt-4o", 20),
                StoreFixtures.consumeLog(user, DAY0 + 86_500, "gpt-4o", 30),
                StoreFixtures.consumeLog(user, DAY0 + 86_600, "claude", 40),
                StoreFixtures.consumeLog(user + 1, DAY0 + 86_600, "claude", 50),
                new LogEntry(0, user, DAY0 + 5, LogEntry.TYPE_TOPUP, "", "", "", "gpt-4o", 999, 0, 0, 0, "", 0, false,
                        false)));
        assertEquals(List.of(
                        new DailyModelUsage("2030-01-01", "gpt-4o", 1, 10, 10, 5),
                        new DailyModelUsage("2030-01-02", "claude", 1, 40, 10, 5),
                        new DailyModelUsage("2030-01-02", "gpt-4o", 2, 50, 20, 10)),
                logs.dailyUsage(user, DAY0, DAY0 + 3 * 86_400));
        List<DailyModelUsage> everyone = logs.dailyUsage(0, DAY0, DAY0 + 3 * 86_400);
        assertTrue(everyone.contains(new DailyModelUsage("2030-01-02", "claude", 2, 90, 20, 10)), everyone.toString());
        assertEquals(List.of(), logs.dailyUsage(user, DAY0 + 86_700, DAY0 + 86_800));
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void deleteBeforeRemovesOnlyOlderRows(Engine engine, SharedStorages storages) {
        LogStore logs = storages.get(engine).logs();
        int user = 90_010;
        long ancient = 1_000_000_000L;
        logs.insert(StoreFixtures.consumeLog(user, ancient, "m", 1));
        logs.insert(StoreFixtures.consumeLog(user, ancient + 1, "m", 1));
        assertEquals(1, logs.deleteBefore(ancient + 1));
        assertEquals(List.of(ancient + 1), logs.find(filter(0, user, "", "", 0, 0, 0), 0, 10).stream()
                .map(LogEntry::createdAt).toList());
    }

    private static LogFilter filter(int type, int user, String token, String model, long from, long to, int channel) {
        return new LogFilter(type, user, "", token, model, from, to, channel);
    }
}
