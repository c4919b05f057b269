package io.oneapi.admin;

import io.oneapi.admin.channel.ChannelTester;
import io.oneapi.config.GatewayConfig;
import io.oneapi.storage.FirstBoot;
import io.oneapi.storage.Storage;
import io.oneapi.storage.User;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;

import java.nio.file.Path;
import java.util.Map;

/**
 * An admin server on port 0 over a fresh database with the first-boot root account (root / 123456), and helpers
 * that create users the way a client would.
 */
final class AdminFixture implements AutoCloseable {
    final TestDatabase database;
    final Storage storage;
    final AdminServer server;

    private AdminFixture(TestDatabase database, Storage storage, AdminServer server) {
        this.database = database;
        this.storage = storage;
        this.server = server;
    }

    static AdminFixture start(Path dir) {
        return start(TestDatabases.Engine.SQLITE, dir, TestConfigs.Limits.GENEROUS, AdminEnvironment.defaults());
    }

    static AdminFixture start(TestDatabases.Engine engine, Path dir, TestConfigs.Limits limits,
                              AdminEnvironment env) {
        TestDatabase db = engine.create(dir);
        Storage storage = null;
        try {
            storage = db.openStorage();
            GatewayConfig config = TestConfigs.config(db.settings(), limits);
            FirstBoot.ensureRootAccount(storage, config.bootstrap());
            if (env.channelTester() == null) {
                env = env.withChannelTester(UNREACHABLE_PROXY);
            }
            return new AdminFixture(db, storage, AdminServer.start(config, storage, env));
        } catch (RuntimeException | Error e) {
            if (storage != null) {
                storage.close();
            }
            db.close();
            throw e;
        }
    }

    ApiClient client() {
        return ApiClient.to(server.port());
    }

    /** A client logged in as root. */
    ApiClient root() {
        ApiClient c = client();
        c.login("root", "123456");
        return c;
    }

    /** Registers a common user through the API and returns a client logged in as that user. */
    ApiClient user(String username) {
        ApiClient c = client();
        ApiClient.Reply reply = c.post("/api/user/register", Map.of("username", username, "password", "password1"));
        if (!reply.success()) {
            throw new AssertionError("registering " + username + " failed: " + reply.body());
        }
        c.login(username, "password1");
        return c;
    }

    /** Registers a user and promotes it to admin (as root); returns a client logged in as the admin. */
    ApiClient admin(String username) {
        ApiClient c = user(username);
        ApiClient.Reply reply = root().post("/api/user/manage", Map.of("username", username, "action", "promote"));
        if (!reply.success()) {
            throw new AssertionError("promoting " + username + " failed: " + reply.body());
        }
        return c;
    }

    User userNamed(String username) {
        return storage.users().findByUsername(username).orElseThrow();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            try {
                storage.close();
            } finally {
                database.close();
            }
        }
    }

    /** Tests that do not exercise channel tests must not reach a real proxy. */
    private static final ChannelTester UNREACHABLE_PROXY = new ChannelTester() {
        @Override
        public TestOutcome test(int channelId, String model) {
            return new TestOutcome(false, "no proxy in this test", 0, model, "");
        }

        @Override
        public BalanceOutcome balance(int channelId) {
            return new BalanceOutcome(false, "no proxy in this test", 0);
        }
    };
}
