package io.oneapi.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.config.GatewayConfig.BootstrapSettings;
import io.oneapi.config.GatewayConfig.NodeType;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FirstBootTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void firstStartCreatesRootAndInitialTokenAndTheSecondChangesNothing(TestDatabases.Engine engine) {
        try (TestDatabase db = engine.create(dir)) {
            BootstrapSettings bootstrap = new BootstrapSettings("sk-InitialRootKey0123456789", "");
            try (Storage storage = Storage.open(TestConfigs.config(db.settings(), NodeType.MASTER, bootstrap))) {
                User root = storage.users().findByUsername("root").orElseThrow();
                assertEquals(1, root.id());
                assertTrue(Passwords.verify("123456", root.password()));
                assertTrue(root.password().startsWith("$2a$10$"));
                assertEquals(User.ROLE_ROOT, root.role());
                assertEquals(User.STATUS_ENABLED, root.status());
                assertEquals("Root User", root.displayName());
                assertEquals(500_000_000_000_000L, root.quota());
                assertEquals("default", root.group());
                assertTrue(root.accessToken().matches("[0-9a-f]{32}"), root.accessToken());
                assertTrue(root.affCode().matches("[0-9A-Za-z]{4}"), root.affCode());

                Token token = storage.tokens().findById(1).orElseThrow();
                assertEquals("InitialRootKey0123456789", token.key(), "stored without sk-");
                assertEquals(root.id(), token.userId());
                assertEquals("Initial Root Token", token.name());
                assertTrue(token.unlimitedQuota());
                assertEquals(-1, token.expiredTime());
                assertEquals(Token.STATUS_ENABLED, token.status());

                assertFalse(FirstBoot.ensureRootAccount(storage, bootstrap));
                assertFalse(FirstBoot.ensureRootAccount(storage, new BootstrapSettings("OtherKey", "")));
            }
            try (Storage again = Storage.open(TestConfigs.config(db.settings(), NodeType.MASTER, bootstrap))) {
                assertEquals(1, again.users().count());
                assertEquals(List.of(1), again.tokens().listByUser(1, 0, 10).stream().map(Token::id).toList());
            }
        }
    }

    @Test
    void usesTheConfiguredAccessTokenAndNoTokenWhenUnset() {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            assertTrue(FirstBoot.ensureRootAccount(storage, new BootstrapSettings("", "my-management-token")));
            User root = storage.users().findByAccessToken("my-management-token").orElseThrow();
            assertEquals("root", root.username());
            assertTrue(storage.tokens().listByUser(root.id(), 0, 10).isEmpty());
        }
    }

    @Test
    void unusableInitialValuesStopTheStartWithoutCreatingAnything() {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            StorageException dash = assertThrows(StorageException.class,
                    () -> FirstBoot.ensureRootAccount(storage, new BootstrapSettings("abc-123", "")));
            assertTrue(dash.getMessage().startsWith("INITIAL_ROOT_TOKEN: "), dash.getMessage());
            assertFalse(dash.getMessage().contains("abc-123"), "the value is a secret");
            String tooLong = "x".repeat(49);
            assertThrows(StorageException.class,
                    () -> FirstBoot.ensureRootAccount(storage, new BootstrapSettings(tooLong, "")));
            StorageException access = assertThrows(StorageException.class,
                    () -> FirstBoot.ensureRootAccount(storage, new BootstrapSettings("", "y".repeat(33))));
            assertTrue(access.getMessage().startsWith("INITIAL_ROOT_ACCESS_TOKEN: "), access.getMessage());
            assertEquals(0, storage.users().count());
        }
    }

    @Test
    void slavesNeitherMigrateNorBootstrap() {
        try (TestDatabase empty = TestDatabases.sqlite(dir)) {
            StorageException e = assertThrows(StorageException.class,
                    () -> Storage.open(TestConfigs.config(empty.settings(), NodeType.SLAVE, TestConfigs.noBootstrap())));
            assertTrue(e.getMessage().startsWith("database schema incomplete on sqlite "), e.getMessage());
            assertTrue(e.getMessage().contains("users"), e.getMessage());
        }
        try (TestDatabase db = TestDatabases.sqlite(dir)) {
            db.openStorage().close();
            try (Storage slave = Storage.open(TestConfigs.config(db.settings(), NodeType.SLAVE,
                    new BootstrapSettings("SlaveKey", "")))) {
                assertEquals(0, slave.users().count());
            }
        }
    }
}
