package io.oneapi.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.storage.ChangeSignal.Topic;
import io.oneapi.storage.RedemptionStore.RedemptionException;
import io.oneapi.storage.testing.TestDatabases.Engine;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(SharedStorages.Resolver.class)
class OptionAndRedemptionStoreTest {
    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void optionPutIsAnUpsertAndPublishes(Engine engine, SharedStorages storages) {
        OptionStore options = storages.get(engine).options();
        storages.drainPublished(engine);
        options.put("OptTestName", "first");
        options.put("OptTestName", "second — 第二");
        options.put("OptTestEmpty", null);
        assertEquals("second — 第二", options.loadAll().get("OptTestName"));
        assertEquals("", options.loadAll().get("OptTestEmpty"));
        assertEquals(List.of(Topic.OPTIONS, Topic.OPTIONS, Topic.OPTIONS), storages.drainPublished(engine));
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void redemptionCodesCrud(Engine engine, SharedStorages storages) {
        RedemptionStore codes = storages.get(engine).redemptions();
        List<Integer> ids = codes.insertAll(List.of(code("crud_batch", 100), code("crud_batch", 100)));
        assertEquals(2, ids.size());
        Redemption first = codes.findById(ids.get(0)).orElseThrow();
        assertEquals("crud_batch", first.name());
        assertEquals(32, first.key().length());
        assertEquals(List.of(ids.get(1), ids.get(0)), ids(codes.search("crud_b")));
        assertEquals(List.of(ids.get(0)), ids(codes.search(Integer.toString(ids.get(0)))));
        assertTrue(codes.list(0, 100).stream().map(Redemption::id).toList().containsAll(ids));
        codes.update(new Redemption(first.id(), 0, "ignored", Redemption.STATUS_DISABLED, "renamed", 250, 0, 0));
        Redemption updated = codes.findById(first.id()).orElseThrow();
        assertEquals(new Redemption(first.id(), first.userId(), first.key(), 2, "renamed", 250, first.createdTime(), 0),
                updated);
        codes.delete(ids.get(1));
        assertTrue(codes.findById(ids.get(1)).isEmpty());
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void redeemCreditsOnceAndRefusesBadCodes(Engine engine, SharedStorages storages) {
        Storage storage = storages.get(engine);
        RedemptionStore codes = storage.redemptions();
        int user = storage.users().insert(StoreFixtures.user("redeemer"));
        Redemption good = code("redeem_ok", 4000);
        Redemption disabled = new Redemption(0, 1, Keys.redemptionCode(), Redemption.STATUS_DISABLED, "off", 10, 0, 0);
        int goodId = codes.insertAll(List.of(good, disabled)).get(0);

        assertEquals(4000, codes.redeem(good.key(), user, 1_800_000_000L));
        assertEquals(5000, storage.users().findById(user).orElseThrow().quota());
        Redemption used = codes.findById(goodId).orElseThrow();
        assertEquals(Redemption.STATUS_USED, used.status());
        assertEquals(1_800_000_000L, used.redeemedTime());

        assertEquals("该兑换码已被使用", refused(codes, good.key(), user));
        assertEquals("该兑换码已被使用", refused(codes, disabled.key(), user));
        assertEquals("无效的兑换码", refused(codes, Keys.redemptionCode(), user));
        assertEquals("未提供兑换码", refused(codes, " ", user));
        assertEquals(5000, storage.users().findById(user).orElseThrow().quota());

        Redemption orphan = code("redeem_orphan", 10);
        int orphanId = codes.insertAll(List.of(orphan)).get(0);
        assertEquals("用户不存在", refused(codes, orphan.key(), 987_654));
        assertEquals(Redemption.STATUS_ENABLED, codes.findById(orphanId).orElseThrow().status(), "rolled back");
    }

    private static String refused(RedemptionStore codes, String key, int user) {
        return assertThrows(RedemptionException.class, () -> codes.redeem(key, user, 1_800_000_000L)).getMessage();
    }

    static Redemption code(String name, long quota) {
        return new Redemption(0, 1, Keys.redemptionCode(), Redemption.STATUS_ENABLED, name, quota, 1_700_000_000L, 0);
    }

    private static List<Integer> ids(List<Redemption> codes) {
        return codes.stream().map(Redemption::id).toList();
    }
}
