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
class UserStoreTest {

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void insertFindAndUpdate(Engine engine, SharedStorages storages) {
        UserStore users = storages.get(engine).users();
        User draft = StoreFixtures.user("carol");
        int id = users.insert(draft);
        User carol = users.findById(id).orElseThrow();
        assertEquals(withId(draft, id), carol);
        assertEquals(carol, users.findByUsername("carol").orElseThrow());
        assertEquals(carol, users.findByEmail("carol@example.com").orElseThrow());
        assertEquals(carol, users.findByAccessToken(draft.accessToken()).orElseThrow());
        assertEquals(carol, users.findByAffCode(draft.affCode()).orElseThrow());
        assertEquals(List.of(), storages.drainPublished(engine), "a new user invalidates no cache");

        User edited = new User(id, "carol2", "$2a$10$otherhash", "Carol", User.ROLE_ADMIN,
                User.STATUS_DISABLED, "c@example.org", "gh", "wx", "lark", "oidc", Keys.accessToken(), 999_999, 5, 5,
                "vip", carol.affCode(), 7);
        users.update(edited);
        User stored = users.findById(id).orElseThrow();
        assertEquals("carol2", stored.username());
        assertEquals("vip", stored.group());
        assertEquals(edited.accessToken(), stored.accessToken());
        assertEquals(1000, stored.quota(), "update leaves quota alone");
        assertEquals(0, stored.usedQuota());
        assertEquals(stored, users.findByOAuthId("oidc_id", "oidc").orElseThrow());
        assertEquals(List.of(Topic.USERS), storages.drainPublished(engine));
    }

    /** A stale copy of the row changes only what its caller changed: a ban made meanwhile stands. */
    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void updateFromACopyWritesOnlyTheChangedColumns(Engine engine, SharedStorages storages) {
        UserStore users = storages.get(engine).users();
        int id = users.insert(StoreFixtures.user("stale_copy"));
        User read = users.findById(id).orElseThrow(); // the user's request reads the row
        User banned = users.findById(id).orElseThrow();
        users.update(banned, new User(id, banned.username(), banned.password(), banned.displayName(),
                banned.role(), User.STATUS_DISABLED, banned.email(), banned.githubId(), banned.wechatId(),
                banned.larkId(), banned.oidcId(), banned.accessToken(), banned.quota(), banned.usedQuota(),
                banned.requestCount(), banned.group(), banned.affCode(), banned.inviterId()));
        storages.drainPublished(engine);

        users.update(read, new User(id, read.username(), "$2a$10$newhash", read.displayName(), read.role(),
                read.status(), read.email(), read.githubId(), read.wechatId(), read.larkId(), read.oidcId(),
                read.accessToken(), read.quota(), read.usedQuota(), read.requestCount(), read.group(),
                read.affCode(), read.inviterId()));

        User stored = users.findById(id).orElseThrow();
        assertEquals("$2a$10$newhash", stored.password());
        assertEquals(User.STATUS_DISABLED, stored.status(), "the ban made meanwhile is not undone");
        assertEquals(List.of(Topic.USERS), storages.drainPublished(engine));
        users.update(stored, stored);
        assertEquals(List.of(), storages.drainPublished(engine), "nothing changed, nothing written or signalled");
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void quotasReadManyUsersAtOnceAndLeaveOutUnknownIds(Engine engine, SharedStorages storages) {
        UserStore users = storages.get(engine).users();
        int rich = users.insert(StoreFixtures.user("quotas_rich"));
        int poor = users.insert(StoreFixtures.user("quotas_poor"));
        users.setQuota(rich, 7_000_000_000L);
        users.addQuota(poor, -1_250);
        List<Integer> ids = new java.util.ArrayList<>();
        for (int i = 0; i < UserStore.QUOTAS_PER_STATEMENT + 20; i++) {
            ids.add(900_000_000 + i); // no such users; enough ids for two statements
        }
        ids.add(rich);
        ids.add(poor);
        assertEquals(java.util.Map.of(rich, 7_000_000_000L, poor, -250L), users.quotas(ids));
        assertEquals(java.util.Map.of(), users.quotas(List.of()));
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void blankLookupsMatchNothingAndColumnsAreWhitelisted(Engine engine, SharedStorages storages) {
        UserStore users = storages.get(engine).users();
        User empty = new User(0, "dave", "x", "", 1, 1, "", "", "", "", "", "", 0, 0, 0, "", "", 0);
        User alsoEmpty = new User(0, "erin", "x", "", 1, 1, "", "", "", "", "", "", 0, 0, 0, "", "", 0);
        int dave = users.insert(empty);
        users.insert(alsoEmpty); // empty access token and aff code are NULL, so no unique clash
        assertEquals("default", users.findById(dave).orElseThrow().group());
        assertTrue(users.findByAccessToken("").isEmpty());
        assertTrue(users.findByEmail(" ").isEmpty());
        assertTrue(users.findByOAuthId("github_id", "").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> users.findByOAuthId("password", "x"));
        assertTrue(users.findById(987_654).isEmpty());
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void listSearchAndSoftDelete(Engine engine, SharedStorages storages) {
        UserStore users = storages.get(engine).users();
        int first = users.insert(StoreFixtures.user("list_a1"));
        int second = users.insert(StoreFixtures.user("list_a2"));
        int gone = users.insert(StoreFixtures.user("list_a3"));
        storages.drainPublished(engine);
        users.softDelete(gone);
        assertEquals(List.of(Topic.USERS), storages.drainPublished(engine));
        User deleted = users.findById(gone).orElseThrow();
        assertEquals(User.STATUS_DELETED, deleted.status());
        assertTrue(deleted.username().matches("deleted_[0-9a-f]{32}"), deleted.username());

        assertEquals(List.of(second, first), ids(users.search("list_a")), "prefix match, deleted hidden, newest first");
        assertEquals(List.of(first), ids(users.search(Integer.toString(first))));
        assertEquals(List.of(), ids(users.search("list%")), "LIKE wildcards in the keyword are literal");
        assertEquals(List.of(), ids(users.search("list_")).stream().filter(id -> id == gone).toList());
        List<Integer> page = ids(users.list(0, 2));
        assertEquals(2, page.size());
        assertTrue(page.get(0) > page.get(1));
        assertFalse(ids(users.list(0, 1000)).contains(gone));
        assertEquals(ids(users.list(1, 1)).get(0), page.get(1));
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void quotaOperations(Engine engine, SharedStorages storages) {
        UserStore users = storages.get(engine).users();
        int id = users.insert(StoreFixtures.user("quota_u"));
        storages.drainPublished(engine);
        assertTrue(users.reserveQuota(id, 400));
        assertTrue(users.reserveQuota(id, 600));
        assertFalse(users.reserveQuota(id, 1), "never below zero");
        assertTrue(users.reserveQuota(id, 0));
        assertThrows(IllegalArgumentException.class, () -> users.reserveQuota(id, -5));
        assertFalse(users.reserveQuota(987_654, 1), "unknown user");
        users.addQuota(id, 250);
        users.addQuota(id, -50);
        users.addUsage(id, 1000, 3);
        assertEquals(List.of(), storages.drainPublished(engine), "per-request writes publish nothing");
        User u = users.findById(id).orElseThrow();
        assertEquals(200, u.quota());
        assertEquals(1000, u.usedQuota());
        assertEquals(3, u.requestCount());
        users.setQuota(id, 5_000_000_000L);
        assertEquals(5_000_000_000L, users.findById(id).orElseThrow().quota());
        assertEquals(List.of(Topic.USERS), storages.drainPublished(engine));
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void duplicateUsernameIsAConstraintViolationThatQuotesNoValue(Engine engine, SharedStorages storages) {
        UserStore users = storages.get(engine).users();
        users.insert(StoreFixtures.user("twin_secret"));
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> users.insert(StoreFixtures.user("twin_secret")));
        assertFalse(e.getMessage().contains("twin_secret"), e.getMessage());
        assertTrue(users.count() >= 1);
    }

    private static List<Integer> ids(List<User> users) {
        return users.stream().map(User::id).toList();
    }

    private static User withId(User u, int id) {
        return new User(id, u.username(), u.password(), u.displayName(), u.role(), u.status(), u.email(), u.githubId(),
                u.wechatId(), u.larkId(), u.oidcId(), u.accessToken(), u.quota(), u.usedQuota(), u.requestCount(),
                u.group(), u.affCode(), u.inviterId());
    }
}
