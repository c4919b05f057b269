package io.oneapi.storage.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/** The machine's Redis for tests, named by {@code ONEAPI_TEST_REDIS} (e.g. {@code redis://127.0.0.1:6379}). */
public final class TestRedis {
    public static final String VARIABLE = "ONEAPI_TEST_REDIS";

    private TestRedis() {
    }

    /**
     * The Redis URL. When the variable is unset the calling test is skipped, naming {@code what}, except in CI
     * ({@code CI=true}), where it fails: there a missing Redis must not pass unnoticed.
     */
    public static String url(String what) {
        String url = System.getenv(VARIABLE);
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(VARIABLE + " must be set in CI (e.g. redis://127.0.0.1:6379) for " + what);
            }
            Assumptions.abort(VARIABLE + " is not set, so " + what + " is skipped (see notes/common.md)");
        }
        return url.strip();
    }
}
