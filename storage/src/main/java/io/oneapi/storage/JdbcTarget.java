package io.oneapi.storage;

import java.util.Map;
import java.util.Objects;

/**
 * Where and how to connect, parsed from a One API DSN by {@link Dsn}.
 *
 * @param url JDBC URL without credentials
 * @param properties driver properties (never the password)
 * @param location what to show in messages, e.g. {@code mysql 127.0.0.1:3306}; never the password
 */
public record JdbcTarget(Dialect dialect, String url, String user, String password, Map<String, String> properties,
                         String location) {

    public JdbcTarget {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(url, "url");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        properties = Map.copyOf(properties);
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String toString() {
        return "JdbcTarget[" + location + ", user=" + user + "]";
    }
}
