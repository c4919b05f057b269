package io.oneapi.storage;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses {@code postgres://user:password@host:port/dbname?sslmode=...} (libpq / pgx URL form, as One API passes it
 * to pgx) into pgjdbc settings. Credentials and the database name are percent-decoded; defaults follow libpq:
 * port 5432, database = user name.
 */
final class PostgresDsn {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresDsn.class);
    private static final String EXPECTED = "postgres://user:password@host:port/dbname[?sslmode=disable]";
    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private final String variable;

    PostgresDsn(String variable) {
        this.variable = variable;
    }

    JdbcTarget parse(String dsn) {
        URI uri;
        try {
            uri = new URI(dsn);
        } catch (URISyntaxException e) {
            // The reason never contains the input (which may hold the password); the message would.
            throw invalid("not a valid URL: " + e.getReason() + " at index " + e.getIndex());
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw invalid("no host");
        }
        int at = authority.lastIndexOf('@');
        String user = "";
        String password = "";
        if (at >= 0) {
            String credentials = authority.substring(0, at);
            int colon = credentials.indexOf(':');
            user = decode(colon < 0 ? credentials : credentials.substring(0, colon));
            password = colon < 0 ? "" : decode(credentials.substring(colon + 1));
        }
        String hostPort = hostPort(authority.substring(at + 1));
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isEmpty()) {
            database = user;
        }
        if (database.isEmpty()) {
            throw invalid("no database name");
        }
        Map<String, String> properties = defaults();
        if (uri.getRawQuery() != null) {
            applyParams(uri.getRawQuery(), properties);
        }
        String url = "jdbc:postgresql://" + hostPort + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
        return new JdbcTarget(Dialect.POSTGRES, url, user, password, properties, "postgres " + hostPort);
    }

    private String hostPort(String hostAndPort) {
        if (hostAndPort.contains(",")) {
            throw invalid("several hosts are not supported");
        }
        if (hostAndPort.isEmpty()) {
            return "localhost:5432";
        }
        boolean bracketedIpv6 = hostAndPort.startsWith("[");
        boolean hasPort = bracketedIpv6 ? hostAndPort.contains("]:") : hostAndPort.contains(":");
        if (hasPort) {
            String port = hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1);
            if (!port.matches("\\d{1,5}")) {
                throw invalid("the port is not a number");
            }
            return hostAndPort;
        }
        return hostAndPort + ":5432";
    }

    private static Map<String, String> defaults() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("connectTimeout", "10");
        p.put("tcpKeepAlive", "true");
        p.put("ApplicationName", "one-api");
        // Multi-row INSERTs for batches (log writes).
        p.put("reWriteBatchedInserts", "true");
        return p;
    }

    private void applyParams(String query, Map<String, String> properties) {
        for (Map.Entry<String, String> param : Dsn.rawParams(query).entrySet()) {
            String name = param.getKey();
            String value = decode(param.getValue());
            switch (name) {
                case "sslmode" -> {
                    if (!SSL_MODES.contains(value)) {
                        throw Dsn.invalid(variable, "PostgreSQL DSN: unsupported sslmode '" + value + "'",
                                String.join(", ", new TreeSet<>(SSL_MODES)));
                    }
                    properties.put("sslmode", value);
                }
                case "connect_timeout" -> properties.put("connectTimeout", value);
                case "application_name" -> properties.put("ApplicationName", value);
                case "search_path" -> properties.put("currentSchema", value);
                case "sslrootcert", "sslcert", "sslkey" -> properties.put(name, value);
                default -> LOG.debug("{}: ignoring PostgreSQL DSN parameter '{}'", variable, name);
            }
        }
    }

    /** Percent-decoding without turning {@code +} into a space (this is a URL, not a form). */
    private String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream escaped = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                text.append(escaped.toString(StandardCharsets.UTF_8)).append(c);
                escaped.reset();
                continue;
            }
            int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (hi < 0 || lo < 0) {
                throw invalid("a '%' escape is not followed by two hex digits");
            }
            escaped.write(hi * 16 + lo);
            i += 2;
        }
        return text.append(escaped.toString(StandardCharsets.UTF_8)).toString();
    }

    private StorageException invalid(String problem) {
        return Dsn.invalid(variable, "PostgreSQL DSN: " + problem, EXPECTED);
    }
}
