package io.oneapi.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The UI theme served, chosen once at start-up (admin-ui.md section 4.5): the {@code Theme} option (the DB value,
 * else {@code THEME}), lower-cased. A theme is a folder {@code io/oneapi/ui/<name>/} on the classpath with an
 * {@code index.html}. A missing one falls back to {@code default} with a warning, so an operator migrating with
 * {@code THEME=berry} still gets a UI; when not even {@code default} is packaged, {@link #index()} is null.
 */
record UiTheme(String name, String base, String index) {
    static final String ROOT = "io/oneapi/ui/";
    static final String DEFAULT = "default";
    /** One API's other themes: accepted names we do not ship. */
    private static final Set<String> ONE_API_THEMES = Set.of("berry", "air");
    private static final Logger log = LoggerFactory.getLogger(UiTheme.class);

    static UiTheme resolve(ClassLoader loader, String requested) {
        String name = requested == null || requested.isBlank() ? DEFAULT : requested.trim().toLowerCase(Locale.ROOT);
        String index = read(loader, ROOT + name + "/index.html");
        if (index != null) {
            return new UiTheme(name, ROOT + name + "/", index);
        }
        String fallback = read(loader, ROOT + DEFAULT + "/index.html");
        if (!name.equals(DEFAULT)) {
            if (ONE_API_THEMES.contains(name)) {
                log.warn("THEME={} is a One API theme this build does not ship; serving the default theme", name);
            } else {
                log.warn("unknown THEME={} (no {}{}/ in the UI jar); serving the default theme", name, ROOT, name);
            }
        }
        if (fallback == null) {
            log.warn("no web UI is packaged (built with -DskipUi?); pages answer with a short note");
        }
        return new UiTheme(DEFAULT, ROOT + DEFAULT + "/", fallback);
    }

    boolean packaged() {
        return index != null;
    }

    private static String read(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
