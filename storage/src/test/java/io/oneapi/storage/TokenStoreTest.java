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
class TokenStoreTest {
    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void lifecyclePublishesTokenChanges(Engine engine, SharedStorages storages) {
        Storage storage = storages.get(engine);
        TokenStore tokens = storage.tokens();
        int owner = storage.users().insert(StoreFixtures.user("tok_owner"));
        storages.drainPublished(engine);

        String key = Keys.tokenKey();
        int id = tokens.insert(new Token(0, owner, key, Token.STATUS_ENABLED, "ci", 1_700_000_000L, 1_700_000_001L,
                1_900_000_000L, 5000, false, 0, "gpt-4o, gpt-4o-mini", "10.0.0.0/8"));
        assertEquals(List.of(Topic.TOKENS), storages.drainPublished(engine));
        Token stored = tokens.findByKey(key).orElseThrow();
        assertEquals(new Token(id, owner, key, 1, "ci", 1_700_000_000L, 1_700_000_001L, 1_900_000_000L, 5000, false,
                0, "gpt-4o, gpt-4o-mini", "10.0.0.0/8"), stored);
        assertEquals(stored, tokens.findById(id).orElseThrow());

        tokens.update(new Token(id, owner, "ignored", Token.STATUS_DISABLED, "ci-renamed", 0, 0, -1, 7000, true,
                999, "", ""));
        Token updated = tokens.findById(id).orElseThrow();
        assertEquals("ci-renamed", updated.name());
        assertEquals(key, updated.key(), "update never changes the key");
        assertEquals(-1, updated.expiredTime());
        assertTrue(updated.unlimitedQuota());
        assertEquals(0, updated.usedQuota(), "update leaves used quota alone");
        assertEquals(1_700_000_000L, updated.createdTime());
        tokens.setStatus(id, Token.STATUS_EXHAUSTED);
        assertEquals(Token.STATUS_EXHAUSTED, tokens.findById(id).orElseThrow().status());
        assertEquals(List.of(Topic.TOKENS, Topic.TOKENS), storages.drainPublished(engine));

        assertFalse(tokens.delete(id, owner + 1), "someone else's token stays");
        assertEquals(List.of(), storages.drainPublished(engine));
        assertTrue(tokens.delete(id, owner));
        assertTrue(tokens.findById(id).isEmpty());
        assertEquals(List.of(Topic.TOKENS), storages.drainPublished(engine));
        assertTrue(tokens.findByKey("").isEmpty());
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void listSearchAndDuplicateKeys(Engine engine, SharedStorages storages) {
        Storage storage = storages.get(engine);
        TokenStore tokens = storage.tokens();
        int owner = storage.users().insert(StoreFixtures.user("tok_lister"));
        int a = tokens.insert(named(owner, "alpha_1"));
        int b = tokens.insert(named(owner, "alpha_2"));
        int c = tokens.insert(named(owner, "beta"));
        assertEquals(List.of(c, b, a), ids(tokens.listByUser(owner, 0, 10)));
        assertEquals(List.of(b), ids(tokens.listByUser(owner, 1, 1)));
        assertEquals(List.of(b, a), ids(tokens.searchByUser(owner, "alpha")));
        assertEquals(List.of(), ids(tokens.searchByUser(owner, "alpha%2")));
        assertEquals(List.of(), ids(tokens.searchByUser(owner + 1, "alpha")));
        String key = tokens.findById(a).orElseThrow().key();
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> tokens.insert(StoreFixtures.token(owner, key)));
        assertFalse(e.getMessage().contains(key), "the key never appears in messages");
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void quotaReservationsAndAdjustments(Engine engine, SharedStorages storages) {
        Storage storage = storages.get(engine);
        TokenStore tokens = storage.tokens();
        int owner = storage.users().insert(StoreFixtures.user("tok_quota"));
        int id = tokens.insert(StoreFixtures.token(owner, Keys.tokenKey()));
        storages.drainPublished(engine);
        assertTrue(tokens.reserveQuota(id, 600));
        assertFalse(tokens.reserveQuota(id, 401));
        assertTrue(tokens.reserveQuota(id, 400));
        assertThrows(IllegalArgumentException.class, () -> tokens.reserveQuota(id, -1));
        tokens.adjustQuota(id, 150, -150, 1_800_000_000L);
        Token t = tokens.findById(id).orElseThrow();
        assertEquals(150, t.remainQuota());
        assertEquals(850, t.usedQuota());
        assertEquals(1_800_000_000L, t.accessedTime());
        assertEquals(List.of(), storages.drainPublished(engine), "per-request writes publish nothing");
    }

    private static Token named(int owner, String name) {
        return new Token(0, owner, Keys.tokenKey(), 1, name, 0, 0, -1, 0, true, 0, "", "");
    }

    private static List<Integer> ids(List<Token> tokens) {
        return tokens.stream().map(Token::id).toList();
    }
}
