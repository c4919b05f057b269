package io.oneapi.storage;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a Go MySQL driver DSN, {@code [user[:password]@][tcp[(host:port)]]/dbname[?param=value&...]}, the way
 * go-sql-driver/mysql does: the last {@code /} ends the address, the last {@code @} before it ends the
 * credentials and the first {@code :} splits user from password (so passwords may contain {@code @ : /}).
 * The result targets mysql-connector-j, which serves MySQL and MariaDB alike.
 */
final class MysqlDsn {
    private static final Logger LOG = LoggerFactory.getLogger(MysqlDsn.class);
    private static final String EXPECTED = "user:password@tcp(host:port)/dbname[?param=value]";
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_$-]+");
    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
    private static final String DEFAULT_CONNECT_TIMEOUT_MS = "10000";

    private final String variable;

    MysqlDsn(String variable) {
        this.variable = variable;
    }

    JdbcTarget parse(String dsn) {
        int slash = dsn.lastIndexOf('/');
        if (slash < 0) {
            throw invalid("no '/' before the database name");
        }
        String left = dsn.substring(0, slash);
        int at = left.lastIndexOf('@');
        String user = "";
        String password = "";
        if (at >= 0) {
            String credentials = left.substring(0, at);
            int colon = credentials.indexOf(':');
            user = colon < 0 ? credentials : credentials.substring(0, colon);
            password = colon < 0 ? "" : credentials.substring(colon + 1);
        }
        String address = address(left.substring(at + 1));
        String rest = dsn.substring(slash + 1);
        int question = rest.indexOf('?');
        String database = question < 0 ? rest : rest.substring(0, question);
        if (database.isEmpty()) {
            throw invalid("no database name after '/'");
        }
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw invalid("unsupported characters in the database name");
        }
        Map<String, String> properties = defaults();
        if (question >= 0) {
            applyParams(rest.substring(question + 1), properties);
        }
        return new JdbcTarget(Dialect.MYSQL, "jdbc:mysql://" + address + "/" + database, user, password, properties,
                "mysql " + address);
    }

    /** {@code tcp(host:port)}, {@code tcp}, or nothing; returns {@code host:port}. */
    private String address(String netAndAddress) {
        if (netAndAddress.isEmpty() || netAndAddress.equals("tcp")) {
            return "127.0.0.1:3306";
        }
        int open = netAndAddress.indexOf('(');
        if (open < 0 || !netAndAddress.endsWith(")")) {
            throw invalid("malformed address before '/'");
        }
        String net = netAndAddress.substring(0, open);
        String address = netAndAddress.substring(open + 1, netAndAddress.length() - 1);
        if (net.equals("unix")) {
            throw invalid("unix sockets are not supported", "tcp(host:port), e.g. " + EXPECTED);
        }
        if (!net.equals("tcp")) {
            throw invalid("unknown protocol '" + net + "'");
        }
        if (address.isEmpty()) {
            return "127.0.0.1:3306";
        }
        boolean bracketedIpv6 = address.startsWith("[");
        boolean hasPort = bracketedIpv6 ? address.contains("]:") : address.contains(":");
        return hasPort ? address : address + ":3306";
    }

    /** Connector/J settings matching what the Go driver does by default. */
    private static Map<String, String> defaults() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("connectTimeout", DEFAULT_CONNECT_TIMEOUT_MS);
        p.put("useUnicode", "true");
        p.put("characterEncoding", "UTF-8");
        // Multi-row INSERTs for batches (log writes).
        p.put("rewriteBatchedStatements", "true");
        // The Go driver fetches the server's RSA key for caching_sha2_password over plain TCP; so must we.
        p.put("allowPublicKeyRetrieval", "true");
        p.put("sslMode", "PREFERRED");
        p.put("tcpKeepAlive", "true");
        return p;
    }

    private void applyParams(String query, Map<String, String> properties) {
        for (Map.Entry<String, String> param : Dsn.rawParams(query).entrySet()) {
            String name = param.getKey();
            String value = decodeValue(param.getValue());
            switch (name) {
                case "tls" -> properties.put("sslMode", sslMode(value));
                case "timeout" -> properties.put("connectTimeout", millis(name, value));
                case "readTimeout" -> properties.put("socketTimeout", millis(name, value));
                case "collation" -> properties.put("connectionCollation", value);
                // Always UTF-8 on our side; parseTime/loc only matter for DATETIME columns, which One API's
                // tables do not have (all times are unix seconds).
                default -> LOG.debug("{}: ignoring MySQL DSN parameter '{}'", variable, name);
            }
        }
    }

    /** As Go's url.QueryUnescape: %-escapes and '+' for a space. */
    private String decodeValue(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("a parameter value has a malformed %-escape");
        }
    }

    private String sslMode(String tls) {
        return switch (tls.toLowerCase(Locale.ROOT)) {
            case "true" -> "VERIFY_IDENTITY";
            case "skip-verify" -> "REQUIRED";
            case "preferred" -> "PREFERRED";
            case "false" -> "DISABLED";
            default -> throw invalid("unsupported tls value '" + tls + "'", "tls=true, skip-verify, preferred or false");
        };
    }

    private String millis(String name, String goDuration) {
        if (goDuration.equals("0")) {
            return "0";
        }
        Matcher m = GO_DURATION_PART.matcher(goDuration);
        double total = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double amount = Double.parseDouble(m.group(1));
            total += switch (m.group(2)) {
                case "h" -> amount * 3_600_000;
                case "m" -> amount * 60_000;
                case "s" -> amount * 1000;
                case "ms" -> amount;
                case "us", "µs" -> amount / 1000;
                default -> amount / 1_000_000;
            };
            end = m.end();
        }
        if (end == 0 || end != goDuration.length()) {
            throw invalid("parameter " + name + "=" + goDuration + " is not a duration", name + "=5s or 500ms");
        }
        return Long.toString(Math.max(1, Math.round(total)));
    }

    private StorageException invalid(String problem) {
        return invalid(problem, EXPECTED);
    }

    private StorageException invalid(String problem, String expected) {
        return Dsn.invalid(variable, "MySQL DSN: " + problem, expected);
    }
}
