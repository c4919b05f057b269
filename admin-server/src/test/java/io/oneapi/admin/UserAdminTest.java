package io.oneapi.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import io.oneapi.storage.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** User administration (inventory section 7.4) and the rule that admins never touch same-or-higher roles. */
class UserAdminTest {
    @TempDir
    static Path dir;
    static AdminFixture fx;
    static ApiClient root;
    static ApiClient admin;

    @BeforeAll
    static void start() {
        fx = AdminFixture.start(dir);
        root = fx.root();
        admin = fx.admin("admin1");
        fx.admin("admin2");
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static int id(String username) {
        return fx.userNamed(username).id();
    }

    @Test
    void adminCannotReadRootOrAnotherAdminButRootCan() {
        assertEquals("no permission to read a user of the same or a higher role",
                admin.get("/api/user/" + id("root")).message());
        assertFalse(admin.get("/api/user/" + id("admin2")).success());
        fx.user("common1");
        ApiClient.Reply common = admin.get("/api/user/" + id("common1"));
        assertTrue(common.success());
        assertFalse(common.data().has("access_token"));
        assertFalse(common.data().has("password"));
        assertTrue(root.get("/api/user/" + id("admin2")).success());
    }

    @Test
    void adminCannotChangeRootOrOtherAdmins() {
        for (String action : List.of("disable", "delete", "demote")) {
            ApiClient.Reply reply = admin.post("/api/user/manage", Map.of("username", "root", "action", action));
            assertFalse(reply.success(), action);
        }
        assertFalse(admin.post("/api/user/manage", Map.of("username", "admin2", "action", "disable")).success());
        assertFalse(admin.put("/api/user/", Map.of("id", id("admin2"), "quota", 5)).success());
        assertFalse(admin.put("/api/user/", Map.of("id", id("root"), "password", "hijacked1")).success());
        assertFalse(admin.delete("/api/user/" + id("admin2")).success());
        assertTrue(fx.userNamed("admin2").enabled());
    }

    @Test
    void onlyRootPromotesAndNobodyRaisesAUserToTheirOwnRole() {
        fx.user("common2");
        assertEquals("only root can promote users to admin",
                admin.post("/api/user/manage", Map.of("username", "common2", "action", "promote")).message());
        ApiClient.Reply selfRaise = admin.put("/api/user/", Map.of("id", id("common2"), "role", 10));
        assertFalse(selfRaise.success());
        assertEquals(User.ROLE_COMMON, fx.userNamed("common2").role());

        ApiClient.Reply promote = root.post("/api/user/manage", Map.of("username", "common2", "action", "promote"));
        assertTrue(promote.success());
        assertEquals(10, promote.data().path("role").asInt());
        ApiClient.Reply demote = root.post("/api/user/manage", Map.of("username", "common2", "action", "demote"));
        assertEquals(1, demote.data().path("role").asInt());
        assertEquals("the user is already a common user",
                root.post("/api/user/manage", Map.of("username", "common2", "action", "demote")).message());
        assertEquals("cannot disable the root user",
                root.post("/api/user/manage", Map.of("username", "root", "action", "disable")).message());
    }

    @Test
    void disabledUserIsLockedOutAtOnceAndCanBeEnabledAgain() {
        ApiClient user = fx.user("common3");
        ApiClient.Reply disable = admin.post("/api/user/manage", Map.of("username", "common3", "action", "disable"));
        assertEquals(2, disable.data().path("status").asInt());
        assertEquals("User has been banned", user.get("/api/user/self").message());
        assertFalse(fx.client().post("/api/user/login", Map.of("username", "common3", "password", "password1"))
                .success());
        admin.post("/api/user/manage", Map.of("username", "common3", "action", "enable"));
        fx.client().login("common3", "password1");
    }

    @Test
    void quotaEditWritesAManageLog() {
        fx.user("common4");
        int uid = id("common4");
        ApiClient.Reply reply = admin.put("/api/user/", Map.of("id", uid, "quota", 777, "display_name", "Four"));
        assertTrue(reply.success(), reply.body().toString());
        User u = fx.userNamed("common4");
        assertEquals(777, u.quota());
        assertEquals("Four", u.displayName());
        List<LogEntry> logs = fx.storage.logs().find(
                new LogStore.LogFilter(LogEntry.TYPE_MANAGE, uid, "", "", "", 0, 0, 0), 0, 10);
        assertEquals(1, logs.size());
        assertEquals("Admin changed user quota from 0 to 777", logs.get(0).content());
    }

    @Test
    void badUpdateInputIsRefused() {
        fx.user("common5");
        int uid = id("common5");
        assertFalse(admin.put("/api/user/", Map.of("id", uid, "password", "short")).success());
        assertFalse(admin.put("/api/user/", Map.of("id", uid, "quota", -1)).success());
        assertFalse(admin.put("/api/user/", Map.of("id", uid, "status", 7)).success());
        assertEquals("invalid parameters", admin.putRaw("/api/user/", "{not json").message());
        assertEquals("user not found", admin.put("/api/user/", Map.of("id", 99999)).message());
    }

    @Test
    void createdUserIsCommonWithADefaultTokenWhateverTheBodySays() {
        ApiClient.Reply reply = admin.post("/api/user/",
                Map.of("username", "made1", "password", "password1", "display_name", "Made", "role", 100));
        assertTrue(reply.success(), reply.body().toString());
        User made = fx.userNamed("made1");
        assertEquals(User.ROLE_COMMON, made.role());
        assertEquals("default", fx.storage.tokens().listByUser(made.id(), 0, 10).get(0).name());
        assertEquals("username is already taken", admin.post("/api/user/",
                Map.of("username", "made1", "password", "password1")).message());
        assertFalse(admin.post("/api/user/", Map.of("username", "waytoolongusername", "password", "password1"))
                .success());
    }

    @Test
    void deleteIsSoftAndHidesTheUser() {
        fx.user("gone1");
        int uid = id("gone1");
        ApiClient.Reply reply = admin.delete("/api/user/" + uid);
        assertTrue(reply.success(), reply.body().toString());
        assertEquals(User.STATUS_DELETED, fx.storage.users().findById(uid).orElseThrow().status());
        assertEquals("user not found", admin.get("/api/user/" + uid).message());
        assertFalse(admin.get("/api/user/?p=0").body().toString().contains("\"id\":" + uid + ","));
    }

    @Test
    void listPagesAndOrdersAndSearchFindsByPrefix() {
        root.put("/api/user/", Map.of("id", id("admin2"), "quota", 123456789));
        JsonNode byQuota = root.get("/api/user/?order=quota").data();
        assertTrue(byQuota.size() <= 10);
        assertEquals("root", byQuota.get(0).path("username").asText());
        assertEquals("admin2", byQuota.get(1).path("username").asText());
        JsonNode found = admin.get("/api/user/search?keyword=admin").data();
        assertTrue(found.size() >= 2);
        found.forEach(u -> assertFalse(u.has("access_token")));
        assertEquals(0, admin.get("/api/user/?p=999").data().size());
    }
}
