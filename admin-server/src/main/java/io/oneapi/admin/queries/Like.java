package io.oneapi.admin.queries;

/** LIKE patterns with '!' as the escape character (use {@code ESCAPE '!'}), so % and _ in input match literally. */
final class Like {
    private Like() {
    }

    static String prefix(String keyword) {
        String k = keyword == null ? "" : keyword;
        return k.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
