package io.oneapi.storage.testing;

import io.oneapi.storage.Dsn;
import io.oneapi.storage.JdbcTarget;
import io.oneapi.storage.Keys;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh databases for tests, on the servers named by {@code ONEAPI_TEST_MYSQL_DSN} and
 * {@code ONEAPI_TEST_POSTGRES_DSN} (One API DSN forms, e.g. {@code root:@tcp(127.0.0.1:3306)/test} and
 * {@code postgres://postgres@127.0.0.1:5432/test}). Each call creates a database named {@code oneapi_t_<random>},
 * so suites running at the same time never share tables.
 *
 * <p>To run one test on every engine:
 * <pre>{@code
 * @ParameterizedTest
 * @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
 * void works(TestDatabases.Engine engine, @TempDir Path dir) {
 *     try (TestDatabase db = engine.create(dir); Storage storage = db.openStorage()) { ... }
 * }
 * }</pre>
 * An engine whose variable is unset is skipped with a message naming the variable.
 */
public final class TestDatabases {
    public static final String MYSQL_VARIABLE = "ONEAPI_TEST_MYSQL_DSN";
    public static final String POSTGRES_VARIABLE = "ONEAPI_TEST_POSTGRES_DSN";

    private TestDatabases() {
    }

    /** The engines to run a test on. */
    public enum Engine {
        SQLITE, MYSQL, POSTGRES;

        /** A fresh database on this engine; skips the calling test when the engine's variable is unset. */
        public TestDatabase create(Path dir) {
            Optional<TestDatabase> db = switch (this) {
                case SQLITE -> Optional.of(sqlite(dir));
                case MYSQL -> mysql();
                case POSTGRES -> postgres();
            };
            String variable = this == MYSQL ? MYSQL_VARIABLE : POSTGRES_VARIABLE;
            Assumptions.assumeTrue(db.isPresent(),
                    variable + " is not set, so the " + this + " variant is skipped (see notes/common.md)");
            return db.orElseThrow();
        }
    }

    /** Every engine, for {@code @MethodSource}. */
    public static Stream<Engine> engines() {
        return Stream.of(Engine.values());
    }

    public static TestDatabase sqlite(Path dir) {
        Path file = dir.resolve("one-api-" + Keys.dashlessUuid().substring(0, 12) + ".db");
        return new TestDatabase(Engine.SQLITE, "", file, () -> { });
    }

    /** A fresh database on the MySQL/MariaDB test server, or empty when {@value #MYSQL_VARIABLE} is unset. */
    public static Optional<TestDatabase> mysql() {
        return server(MYSQL_VARIABLE).map(adminDsn -> {
            String name = freshName();
            execute(adminDsn, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
            String dsn = replaceMysqlDatabase(adminDsn, name);
            return new TestDatabase(Engine.MYSQL, dsn, Path.of("unused.db"),
                    () -> execute(adminDsn, "DROP DATABASE IF EXISTS " + name));
        });
    }

    /** A fresh database on the PostgreSQL test server, or empty when {@value #POSTGRES_VARIABLE} is unset. */
    public static Optional<TestDatabase> postgres() {
        return server(POSTGRES_VARIABLE).map(adminDsn -> {
            String name = freshName();
            execute(adminDsn, "CREATE DATABASE " + name);
            String dsn = replacePostgresDatabase(adminDsn, name);
            return new TestDatabase(Engine.POSTGRES, dsn, Path.of("unused.db"),
                    () -> execute(adminDsn, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
        });
    }

    private static Optional<String> server(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String freshName() {
        return "oneapi_t_" + Keys.dashlessUuid().substring(0, 16);
    }

    static String replaceMysqlDatabase(String dsn, String database) {
        int slash = dsn.lastIndexOf('/');
        int question = dsn.indexOf('?', slash);
        return dsn.substring(0, slash + 1) + database + (question < 0 ? "" : dsn.substring(question));
    }

    static String replacePostgresDatabase(String dsn, String database) {
        URI uri = URI.create(dsn);
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/" + database + query;
    }

    /** Runs one statement on the database the variable names (its own database, e.g. {@code test}). */
    static void execute(String adminDsn, String sql) {
        try (Connection c = connect(adminDsn, Path.of("unused.db")); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database server: " + e.getMessage(), e);
        }
    }

    static Connection connect(String dsn, Path sqlitePath) {
        JdbcTarget target = Dsn.parse("test database", dsn, sqlitePath);
        Properties properties = new Properties();
        properties.putAll(target.properties());
        if (!target.user().isEmpty()) {
            properties.setProperty("user", target.user());
            properties.setProperty("password", target.password());
        }
        try {
            return DriverManager.getConnection(target.url(), properties);
        } catch (SQLException e) {
            throw new IllegalStateException("test database " + target.location() + ": " + e.getMessage(), e);
        }
    }
}
