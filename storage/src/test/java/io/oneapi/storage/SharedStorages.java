package io.oneapi.storage;

import io.oneapi.storage.ChangeSignal.Topic;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One migrated database per engine for the whole test run (creating and migrating one per test would make the
 * suite slow); store tests keep apart by using their own names. Records every change topic published.
 * Declare a {@code SharedStorages} parameter and {@code @ExtendWith(SharedStorages.Resolver.class)}.
 */
final class SharedStorages implements AutoCloseable {
    private final Map<Engine, TestDatabase> databases = new EnumMap<>(Engine.class);
    private final Map<Engine, Storage> storages = new EnumMap<>(Engine.class);
    private final Map<Engine, List<Topic>> published = new EnumMap<>(Engine.class);
    private final Path sqliteDir;

    private SharedStorages() {
        try {
            sqliteDir = Files.createTempDirectory("oneapi-storage-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resolves the run-wide instance; JUnit closes it when the run ends. */
    static final class Resolver implements ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Resolver.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == SharedStorages.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE)
                    .computeIfAbsent(SharedStorages.class, k -> new SharedStorages(), SharedStorages.class);
        }
    }

    synchronized Storage get(Engine engine) {
        Storage storage = storages.get(engine);
        if (storage == null) {
            TestDatabase db = engine.create(sqliteDir);
            databases.put(engine, db);
            List<Topic> topics = new CopyOnWriteArrayList<>();
            InProcessChangeSignal changes = new InProcessChangeSignal();
            changes.subscribe(topics::add);
            storage = db.openStorage(changes);
            storages.put(engine, storage);
            published.put(engine, topics);
        }
        return storage;
    }

    /** Topics published so far on the engine's storage; clears the record. */
    synchronized List<Topic> drainPublished(Engine engine) {
        List<Topic> topics = published.get(engine);
        List<Topic> copy = new ArrayList<>(topics);
        topics.clear();
        return copy;
    }

    @Override
    public synchronized void close() throws IOException {
        storages.values().forEach(Storage::close);
        databases.values().forEach(TestDatabase::close);
        try (Stream<Path> files = Files.walk(sqliteDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
