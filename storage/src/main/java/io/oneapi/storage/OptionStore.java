package io.oneapi.storage;

import java.util.Map;

/** The {@code options} table: runtime settings as key/value text. */
public interface OptionStore {
    Map<String, String> loadAll();

    /** Inserts or replaces one option. */
    void put(String key, String value);
}
