package io.oneapi.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DsnTest {
    private static final Path SQLITE = Path.of("data", "one-api.db");

    private static JdbcTarget parse(String dsn) {
        return Dsn.parse("SQL_DSN", dsn, SQLITE);
    }

    @Test
    void emptyMeansSqliteAtSqlitePath() {
        JdbcTarget t = parse("  ");
        assertEquals(Dialect.SQLITE, t.dialect());
        assertEquals("jdbc:sqlite:" + SQLITE, t.url());
        assertEquals("sqlite " + SQLITE, t.location());
    }

    @Test
    void goMysqlDsnWithParameters() {
        JdbcTarget t = parse("oneapi:s3cret@tcp(db.internal:3307)/oneapi?charset=utf8mb4&parseTime=True&loc=Local");
        assertEquals(Dialect.MYSQL, t.dialect());
        assertEquals("jdbc:mysql://db.internal:3307/oneapi", t.url());
        assertEquals("oneapi", t.user());
        assertEquals("s3cret", t.password());
        assertEquals("mysql db.internal:3307", t.location());
        assertEquals("UTF-8", t.properties().get("characterEncoding"));
        assertEquals("true", t.properties().get("rewriteBatchedStatements"));
        assertFalse(t.properties().containsKey("parseTime"));
    }

    @Test
    void mysqlPasswordMayContainAtColonAndSlash() {
        JdbcTarget t = parse("root:p@ss:w/rd@tcp(127.0.0.1:3306)/oneapi");
        assertEquals("root", t.user());
        assertEquals("p@ss:w/rd", t.password());
        assertEquals("jdbc:mysql://127.0.0.1:3306/oneapi", t.url());
    }

    @Test
    void mysqlDefaultsAddressAndPort() {
        assertEquals("jdbc:mysql://127.0.0.1:3306/oneapi", parse("@/oneapi").url());
        assertEquals("jdbc:mysql://127.0.0.1:3306/oneapi", parse("root@tcp/oneapi").url());
        JdbcTarget t = parse("root@tcp(mysql)/oneapi");
        assertEquals("jdbc:mysql://mysql:3306/oneapi", t.url());
        assertEquals("root", t.user());
        assertEquals("", t.password());
        assertEquals("jdbc:mysql://[::1]:3306/oneapi", parse("root@tcp([::1])/oneapi").url());
        assertEquals("jdbc:mysql://[::1]:3310/oneapi", parse("root@tcp([::1]:3310)/oneapi").url());
    }

    @Test
    void mysqlTlsAndTimeoutsMapToConnectorProperties() {
        JdbcTarget t = parse("u:p@tcp(h:1)/d?tls=skip-verify&timeout=1m30s&readTimeout=500ms&collation=utf8mb4_bin");
        assertEquals("REQUIRED", t.properties().get("sslMode"));
        assertEquals("90000", t.properties().get("connectTimeout"));
        assertEquals("500", t.properties().get("socketTimeout"));
        assertEquals("utf8mb4_bin", t.properties().get("connectionCollation"));
        assertEquals("VERIFY_IDENTITY", parse("u@tcp(h)/d?tls=true").properties().get("sslMode"));
        assertEquals("DISABLED", parse("u@tcp(h)/d?tls=false").properties().get("sslMode"));
    }

    @Test
    void postgresUrl() {
        JdbcTarget t = parse("postgres://one%40api:p%3Ass%2Fw@pg.internal:6432/one_api?sslmode=require&TimeZone=UTC");
        assertEquals(Dialect.POSTGRES, t.dialect());
        assertEquals("jdbc:postgresql://pg.internal:6432/one_api", t.url());
        assertEquals("one@api", t.user());
        assertEquals("p:ss/w", t.password());
        assertEquals("require", t.properties().get("sslmode"));
        assertEquals("postgres pg.internal:6432", t.location());
        assertFalse(t.properties().containsKey("TimeZone"));
    }

    @Test
    void postgresqlSchemeDefaultPortAndDatabaseFromUser() {
        JdbcTarget t = parse("postgresql://postgres@db_host");
        assertEquals("jdbc:postgresql://db_host:5432/postgres", t.url());
        assertEquals("", t.password());
        assertEquals("jdbc:postgresql://localhost:5432/db", parse("postgres://user:pw@/db").url());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "root:pw@tcp(127.0.0.1:3306)",          // no '/'
        "root:pw@tcp(127.0.0.1:3306)/",         // no database
        "root:pw@unix(/run/mysqld.sock)/oneapi", // unix socket
        "root:pw@udp(1.2.3.4:3306)/oneapi",     // unknown protocol
        "root:pw@tcp(127.0.0.1:3306/oneapi",    // unclosed address
        "root:pw@tcp(h)/d?tls=maybe",
        "root:pw@tcp(h)/d?timeout=soon",
        "root:pw@tcp(h)/d?timeout=%zz",
        "root:pw@tcp(h)/one api",
        "postgres://user:pw@host:port/db",
        "postgres://user:pw@h1,h2/db",
        "postgres://user:pw@host/db?sslmode=sometimes",
        "postgres://user:p w@host/db",
        "postgres://user:pw%zz@host/db",
    })
    void badFormsNameTheVariableAndNeverThePassword(String dsn) {
        StorageException e = assertThrows(StorageException.class, () -> Dsn.parse("LOG_SQL_DSN", dsn, SQLITE));
        assertTrue(e.getMessage().startsWith("LOG_SQL_DSN: "), e.getMessage());
        assertTrue(e.getMessage().contains("(expected: "), e.getMessage());
        assertFalse(e.getMessage().contains("pw"), e.getMessage());
        assertFalse(e.getMessage().contains("p w"), e.getMessage());
    }

    @Test
    void targetNeverPrintsThePassword() {
        JdbcTarget t = parse("root:hunter2@tcp(127.0.0.1:3306)/oneapi");
        assertFalse(t.toString().contains("hunter2"));
        assertFalse(t.properties().containsValue("hunter2"));
        assertFalse(t.location().contains("hunter2"));
    }
}
