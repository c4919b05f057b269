package io.oneapi.config;

import java.util.List;

/** What {@link ConfigLoader} decided the process should do. */
public sealed interface LoadResult {

    /**
     * Start the gateway.
     *
     * @param ginDebug {@code GIN_MODE=debug}: debug-level logs from the HTTP layers only (One API's Gin debug mode),
     *     without the side effects of {@code DEBUG}
     * @param warnings problems that do not stop start-up, to be logged once logging is up
     */
    record Run(GatewayConfig config, boolean ginDebug, List<String> warnings) implements LoadResult {
        public Run {
            warnings = List.copyOf(warnings);
        }
    }

    /** {@code --help}: print {@link #usage()} and exit 0. */
    record Help(String usage) implements LoadResult {
    }

    /** {@code --version}: print the version and exit 0. */
    record Version() implements LoadResult {
    }

    /** Invalid flags or variables: print every line of {@code errors} and exit 2. */
    record Invalid(List<String> errors) implements LoadResult {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }
}
