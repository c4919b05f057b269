package io.oneapi.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.storage.ChangeSignal.Topic;
import io.oneapi.storage.testing.TestDatabases.Engine;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(SharedStorages.Resolver.class)
class ChannelStoreTest {
    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void insertBuildsTrimmedAbilitiesInOneGo(Engine engine, SharedStorages storages) {
        ChannelStore channels = storages.get(engine).channels();
        storages.drainPublished(engine);
        int id = channels.insert(StoreFixtures.channel("ins_1", " m-ins-a , m-ins-b,,m-ins-a ", "default, g-ins"));
        assertEquals(List.of(Topic.CHANNELS), storages.drainPublished(engine));
        ProviderChannel stored = channels.findById(id).orElseThrow();
        assertEquals("sk-ins_1", stored.key());
        assertEquals(" m-ins-a , m-ins-b,,m-ins-a ", stored.models(), "the channel row keeps what was given");
        assertEquals(List.of(new Ability("default", "m-ins-a", id, true, 5), new Ability("default", "m-ins-b", id, true, 5),
                new Ability("g-ins", "m-ins-a", id, true, 5), new Ability("g-ins", "m-ins-b", id, true, 5)),
                channels.abilities(id));
        assertEquals(List.of("m-ins-a", "m-ins-b"), channels.modelsForGroup("g-ins"));
        assertTrue(channels.groups().containsAll(List.of("default", "g-ins")));
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void updateRebuildsAbilitiesAndKeepsAnEmptyKey(Engine engine, SharedStorages storages) {
        ChannelStore channels = storages.get(engine).channels();
        int id = channels.insert(StoreFixtures.channel("upd_1", "m-upd-a", "g-upd"));
        storages.drainPublished(engine);
        channels.addUsedQuota(id, 77);
        channels.recordTest(id, 1_800_000_000L, 250);
        channels.recordBalance(id, 3.75, 1_800_000_100L);
        assertEquals(List.of(), storages.drainPublished(engine), "usage, test and balance records publish nothing");

        ProviderChannel edit = new ProviderChannel(id, 14, "", ProviderChannel.STATUS_MANUALLY_DISABLED, "upd_renamed",
                3, 0, 0, 0, "https://proxy.example", "x", 0, 0, "m-upd-b,m-upd-c", "g-upd2", 0, "{\"a\":\"b\"}", 9,
                "{\"region\":\"us\"}", "be brief");
        channels.update(edit);
        assertEquals(List.of(Topic.CHANNELS), storages.drainPublished(engine));
        ProviderChannel stored = channels.findById(id).orElseThrow();
        assertEquals(new ProviderChannel(id, 14, "sk-upd_1", 2, "upd_renamed", 3, 1_700_000_000L, 1_800_000_000L, 250,
                "https://proxy.example", "x", 3.75, 1_800_000_100L, "m-upd-b,m-upd-c", "g-upd2", 77, "{\"a\":\"b\"}", 9,
                "{\"region\":\"us\"}", "be brief"), stored);
        assertEquals(List.of(new Ability("g-upd2", "m-upd-b", id, false, 9), new Ability("g-upd2", "m-upd-c", id, false, 9)),
                channels.abilities(id));
        assertEquals(List.of(), channels.modelsForGroup("g-upd"));

        channels.update(withKey(edit, "sk-new"));
        assertEquals("sk-new", channels.findById(id).orElseThrow().key());
        storages.drainPublished(engine);
        channels.update(new ProviderChannel(987_654, 1, "k", 1, "ghost", 0, 0, 0, 0, "", "", 0, 0, "m-ghost", "g-ghost",
                0, "", 0, "", ""));
        assertTrue(channels.findById(987_654).isEmpty());
        assertEquals(List.of(), channels.abilities(987_654), "no orphan abilities");
        assertEquals(List.of(), storages.drainPublished(engine));
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void disableIfEnabledDisablesOnceAndLeavesOtherStatusesAlone(Engine engine, SharedStorages storages) {
        ChannelStore channels = storages.get(engine).channels();
        int a = channels.insert(StoreFixtures.channel("die_a", "m-die", "g-die"));
        int b = channels.insert(StoreFixtures.channel("die_b", "m-die2", "g-die"));
        storages.drainPublished(engine);
        assertTrue(channels.disableIfEnabled(a, ProviderChannel.STATUS_AUTO_DISABLED));
        assertFalse(channels.disableIfEnabled(a, ProviderChannel.STATUS_AUTO_DISABLED), "already disabled");
        assertEquals(ProviderChannel.STATUS_AUTO_DISABLED, channels.findById(a).orElseThrow().status());
        assertEquals(List.of("m-die2"), channels.modelsForGroup("g-die"), "its abilities are off");
        assertEquals(List.of(Topic.CHANNELS), storages.drainPublished(engine), "one change, published once");

        channels.setStatus(b, ProviderChannel.STATUS_MANUALLY_DISABLED);
        storages.drainPublished(engine);
        assertFalse(channels.disableIfEnabled(b, ProviderChannel.STATUS_AUTO_DISABLED));
        assertEquals(ProviderChannel.STATUS_MANUALLY_DISABLED, channels.findById(b).orElseThrow().status(),
                "a manual disable is not turned into an automatic one");
        assertFalse(channels.disableIfEnabled(987_655, ProviderChannel.STATUS_AUTO_DISABLED), "no such channel");
        assertEquals(List.of(), storages.drainPublished(engine));
        assertThrows(IllegalArgumentException.class,
                () -> channels.disableIfEnabled(a, ProviderChannel.STATUS_ENABLED));
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void statusDeleteAndSearch(Engine engine, SharedStorages storages) {
        ChannelStore channels = storages.get(engine).channels();
        int a = channels.insert(StoreFixtures.channel("sd_a", "m-sd", "g-sd"));
        int b = channels.insert(StoreFixtures.channel("sd_b", "m-sd2", "g-sd"));
        storages.drainPublished(engine);
        channels.setStatus(a, ProviderChannel.STATUS_AUTO_DISABLED);
        assertEquals(List.of("m-sd2"), channels.modelsForGroup("g-sd"));
        channels.setStatus(a, ProviderChannel.STATUS_ENABLED);
        assertEquals(List.of("m-sd", "m-sd2"), channels.modelsForGroup("g-sd"));
        assertEquals(List.of(Topic.CHANNELS, Topic.CHANNELS), storages.drainPublished(engine));

        assertEquals(List.of(b, a), ids(channels.search("sd_")));
        assertEquals(List.of(a), ids(channels.search(Integer.toString(a))));
        assertEquals(List.of(b), ids(channels.search("sk-sd_b")), "exact key match");
        assertTrue(ids(channels.listAll()).containsAll(List.of(a, b)));
        assertEquals(1, channels.list(0, 1).size());

        channels.setStatus(b, ProviderChannel.STATUS_MANUALLY_DISABLED);
        storages.drainPublished(engine);
        assertTrue(channels.deleteDisabled() >= 1);
        assertTrue(channels.findById(b).isEmpty());
        assertEquals(List.of(), channels.abilities(b));
        channels.delete(a);
        assertTrue(channels.findById(a).isEmpty());
        assertEquals(List.of(), channels.abilities(a));
        assertEquals(List.of(Topic.CHANNELS, Topic.CHANNELS), storages.drainPublished(engine));
        assertEquals(0, channels.deleteDisabled());
        assertEquals(List.of(), storages.drainPublished(engine));
    }

    private static ProviderChannel withKey(ProviderChannel c, String key) {
        return new ProviderChannel(c.id(), c.type(), key, c.status(), c.name(), c.weight(), c.createdTime(), c.testTime(),
                c.responseTime(), c.baseUrl(), c.other(), c.balance(), c.balanceUpdatedTime(), c.models(), c.group(),
                c.usedQuota(), c.modelMapping(), c.priority(), c.config(), c.systemPrompt());
    }

    private static List<Integer> ids(List<ProviderChannel> channels) {
        return channels.stream().map(ProviderChannel::id).toList();
    }
}
