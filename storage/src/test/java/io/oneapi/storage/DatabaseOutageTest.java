package io.oneapi.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.config.GatewayConfig.DatabaseSettings;
import io.oneapi.storage.testing.TcpGate;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.net.ConnectException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseOutageTest {
    @TempDir
    Path dir;

    @Test
    void tellsConnectionFailuresFromRefusedStatements() {
        assertTrue(DatabaseOutage.isConnectionFailure(new SQLTransientConnectionException("pool timed out")));
        assertTrue(DatabaseOutage.isConnectionFailure(new SQLException("Communications link failure", "08S01")));
        assertTrue(DatabaseOutage.isConnectionFailure(
                new StorageException("mysql: x", new RuntimeException(new ConnectException("Connection refused")))));
        assertFalse(DatabaseOutage.isConnectionFailure(new SQLException("Duplicate entry", "23000")));
        assertFalse(DatabaseOutage.isConnectionFailure(new SQLException("syntax error", "42601")));
        assertFalse(DatabaseOutage.isConnectionFailure(new IllegalStateException("bug")));
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabases.Engine.class, names = {"MYSQL", "POSTGRES"})
    void anOutageStartsOnceAndEndsWhenTheProbeGetsThrough(TestDatabases.Engine engine) throws Exception {
        try (TestDatabase db = engine.create(dir); TcpGate gate = TcpGate.inFrontOf(db.dsn())) {
            DatabaseSettings direct = db.settings();
            DatabaseSettings gated = new DatabaseSettings(gate.route(db.dsn()), "", direct.sqlitePath(),
                    direct.sqliteBusyTimeout(), direct.maxIdleConns(), direct.maxOpenConns(),
                    direct.connMaxLifetime());
            try (Storage storage = Storage.open(gated, true, new InProcessChangeSignal());
                 DatabaseOutage outage = new DatabaseOutage(storage.database(), Duration.ofMillis(100))) {
                CountDownLatch recovered = new CountDownLatch(1);
                outage.onRecovery(recovered::countDown);
                assertEquals(1, storage.database().queryLong("SELECT 1"));
                assertFalse(outage.suspected());
                assertFalse(outage.report(new SQLException("Duplicate entry", "23000")), "not an outage");
                assertFalse(outage.suspected());

                gate.cut();
                long start = System.nanoTime();
                StorageException failure = assertThrows(StorageException.class,
                        () -> storage.users().findById(1));
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10),
                        "a vanished database fails a call within the pool's connection timeout");
                assertTrue(outage.report(failure));
                assertTrue(outage.report(failure), "a second report joins the same outage");
                assertTrue(outage.suspected());
                assertEquals(1, outage.outageNumber());
                assertEquals(1, recovered.getCount(), "no recovery while the gate is shut");

                gate.open();
                assertTrue(recovered.await(20, TimeUnit.SECONDS), "the probe notices the database is back");
                assertFalse(outage.suspected());
                assertEquals(Duration.ZERO, outage.elapsed());
                assertTrue(storage.users().findById(1).isEmpty());
            }
        }
    }
}
