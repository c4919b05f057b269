package io.oneapi.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.storage.ChannelStore;
import io.oneapi.storage.InProcessChangeSignal;
import io.oneapi.storage.ProviderChannel;
import io.oneapi.storage.Storage;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelRouterTest {
    @TempDir
    Path dir;

    /**
     * Two channels on one dead account are disabled at once; the rebuild that read before the second disable
     * must not install its table after the rebuild that read after it, or the dead channel is routed to again.
     */
    @Test
    void aRebuildThatReadEarlierNeverInstallsLater() throws Exception {
        ExecutorService slow = Executors.newSingleThreadExecutor();
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            int first = insert(storage, "a");
            int second = insert(storage, "b");
            AtomicReference<CountDownLatch[]> hold = new AtomicReference<>();
            ChannelRouter router = new ChannelRouter(heldListAll(storage.channels(), hold), Runnable::run,
                    new InProcessChangeSignal());
            router.reloadNow();
            assertEquals(2, router.table().candidates("default", "gpt-4o").size());

            storage.channels().setStatus(first, ProviderChannel.STATUS_AUTO_DISABLED);
            CountDownLatch[] latches = {new CountDownLatch(1), new CountDownLatch(1)};
            hold.set(latches);
            Future<?> older = slow.submit(router::reloadNow); // reads: first off, second on; then waits
            assertTrue(latches[0].await(10, TimeUnit.SECONDS));
            storage.channels().setStatus(second, ProviderChannel.STATUS_AUTO_DISABLED);
            router.reloadNow(); // reads both off and installs
            assertEquals(List.of(), router.table().candidates("default", "gpt-4o"));
            latches[1].countDown();
            older.get(10, TimeUnit.SECONDS);

            assertEquals(List.of(), router.table().candidates("default", "gpt-4o"), "the older read was dropped");
        } finally {
            slow.shutdownNow();
        }
    }

    /** An overloaded pool refusing one rebuild must not stop every later one. */
    @Test
    void aRefusedRebuildDoesNotBlockTheNextOnes() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.Executor fullOnce = task -> {
                if (calls.incrementAndGet() == 1) {
                    throw new java.util.concurrent.RejectedExecutionException("full");
                }
                task.run();
            };
            ChannelRouter router = new ChannelRouter(storage.channels(), fullOnce, new InProcessChangeSignal());
            insert(storage, "later");
            router.reloadLater(); // refused
            assertEquals(List.of(), router.table().candidates("default", "gpt-4o"));
            router.reloadLater();
            assertEquals(1, router.table().candidates("default", "gpt-4o").size());
        }
    }

    private static int insert(Storage storage, String name) {
        long now = System.currentTimeMillis() / 1000;
        return storage.channels().insert(new ProviderChannel(0, 1, "sk-" + name, ProviderChannel.STATUS_ENABLED,
                name, 0, now, 0, 0, "http://127.0.0.1:1", "", 0, 0, "gpt-4o", "default", 0, "", 0, "{}", ""));
    }

    /** The store, whose next listAll (when latches are set) signals latch 0 after reading and waits for latch 1. */
    private static ChannelStore heldListAll(ChannelStore store, AtomicReference<CountDownLatch[]> hold) {
        return (ChannelStore) Proxy.newProxyInstance(ChannelStore.class.getClassLoader(),
                new Class<?>[] {ChannelStore.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    CountDownLatch[] latches = method.getName().equals("listAll") ? hold.getAndSet(null) : null;
                    if (latches != null) {
                        latches[0].countDown();
                        assertTrue(latches[1].await(10, TimeUnit.SECONDS));
                    }
                    return result;
                });
    }
}
