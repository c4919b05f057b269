package io.oneapi.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oneapi.storage.RedemptionStore.RedemptionException;
import io.oneapi.storage.testing.TestDatabases.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Many threads at once against one row: the single-statement reservation and the redeem never oversell. */
@ExtendWith(SharedStorages.Resolver.class)
class ConcurrencyTest {
    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void fiftyReservationsAgainstQuotaForTwenty(Engine engine, SharedStorages storages) throws Exception {
        Storage storage = storages.get(engine);
        int user = storage.users().insert(StoreFixtures.user("race_user"));
        storage.users().setQuota(user, 20 * 7);
        int token = storage.tokens().insert(StoreFixtures.token(user, Keys.tokenKey()));
        storage.tokens().update(new Token(token, user, "", Token.STATUS_ENABLED, "race", 0, 0, -1, 20 * 7, false, 0,
                "", ""));

        List<Boolean> users = race(50, () -> storage.users().reserveQuota(user, 7));
        List<Boolean> tokens = race(50, () -> storage.tokens().reserveQuota(token, 7));

        assertEquals(20, users.stream().filter(ok -> ok).count());
        assertEquals(0, storage.users().findById(user).orElseThrow().quota());
        assertEquals(20, tokens.stream().filter(ok -> ok).count());
        Token t = storage.tokens().findById(token).orElseThrow();
        assertEquals(0, t.remainQuota());
        assertEquals(140, t.usedQuota());
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void twentyRedeemsOfOneCodeCreditOnce(Engine engine, SharedStorages storages) throws Exception {
        Storage storage = storages.get(engine);
        int user = storage.users().insert(StoreFixtures.user("race_redeemer"));
        Redemption code = OptionAndRedemptionStoreTest.code("race_code", 3000);
        storage.redemptions().insertAll(List.of(code));

        List<Boolean> outcomes = race(20, () -> {
            try {
                return storage.redemptions().redeem(code.key(), user, 1_800_000_000L) == 3000;
            } catch (RedemptionException e) {
                return false;
            }
        });

        assertEquals(1, outcomes.stream().filter(ok -> ok).count());
        assertEquals(1000 + 3000, storage.users().findById(user).orElseThrow().quota());
    }

    /** Runs {@code task} on {@code threads} threads released together; returns each result. */
    private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
