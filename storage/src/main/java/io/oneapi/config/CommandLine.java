package io.oneapi.config;

import java.util.List;
import java.util.Locale;

/**
 * The command-line flags, parsed the way Go's {@code flag} package does it (One API is a Go program): {@code -name}
 * or {@code --name}, a value either as the next argument or after {@code =}; a repeated flag keeps its last value.
 * Unknown flags and stray arguments are errors rather than silently ignored.
 *
 * @param port {@code --port}, null when not given
 * @param adminPort {@code --admin-port}, null when not given
 * @param logDir {@code --log-dir}, null when not given
 * @param role {@code --role}, null when not given
 */
record CommandLine(Integer port, Integer adminPort, String logDir, GatewayConfig.Role role, boolean help,
                   boolean version) {

    static final String USAGE = """
            Usage: one-api [flags]

            One API for the JVM: an OpenAI-compatible LLM API gateway.

            Flags:
              --port <number>        proxy (relay) port; the PORT variable wins when set (default 3000)
              --admin-port <number>  admin API and web UI port; the ADMIN_PORT variable wins when set (default: the
                                     proxy port plus one, 3001)
              --role <role>          all (default), proxy or admin: which servers this process runs
              --log-dir <dir>        log directory, created if missing (default ./logs)
              --version              print the version and exit
              --help                 print this help and exit

            Settings come from environment variables, then from .env in the working directory
            (the real environment wins). See .env.example for every variable.
            """;

    static CommandLine parse(List<String> args, List<String> errors) {
        Integer port = null;
        Integer adminPort = null;
        String logDir = null;
        GatewayConfig.Role role = null;
        boolean help = false;
        boolean version = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
                errors.add("unexpected argument: " + arg + " (expected: flags only, see --help)");
                continue;
            }
            String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String inline = eq < 0 ? null : body.substring(eq + 1);
            String flag = "--" + name;
            switch (name) {
                case "help", "h" -> help = flagBoolean(flag, inline, errors);
                case "version" -> version = flagBoolean(flag, inline, errors);
                case "port", "admin-port", "log-dir", "role" -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            errors.add(flag + ": missing value");
                            continue;
                        }
                        value = args.get(++i);
                    }
                    switch (name) {
                        case "port" -> port = flagPort(flag, value, errors, port);
                        case "admin-port" -> adminPort = flagPort(flag, value, errors, adminPort);
                        case "log-dir" -> logDir = flagLogDir(value, errors, logDir);
                        default -> role = flagRole(value, errors, role);
                    }
                }
                default -> errors.add("unknown flag: " + arg + " (expected: one of --port, --admin-port, --role, "
                        + "--log-dir, --version, --help)");
            }
        }
        return new CommandLine(port, adminPort, logDir, role, help, version);
    }

    private static boolean flagBoolean(String flag, String inline, List<String> errors) {
        if (inline == null) {
            return true;
        }
        Boolean value = ValueParsers.bool(inline);
        if (value == null) {
            errors.add(flag + ": " + inline + " (expected: " + ValueParsers.BOOL + ")");
            return false;
        }
        return value;
    }

    private static Integer flagPort(String flag, String value, List<String> errors, Integer previous) {
        Integer port = ValueParsers.port(value);
        if (port == null) {
            errors.add(flag + ": " + value + " (expected: " + ValueParsers.PORT + ")");
            return previous;
        }
        return port;
    }

    private static String flagLogDir(String value, List<String> errors, String previous) {
        if (value.isBlank()) {
            errors.add("--log-dir: empty (expected: a directory path)");
            return previous;
        }
        return value;
    }

    private static GatewayConfig.Role flagRole(String value, List<String> errors, GatewayConfig.Role previous) {
        try {
            return GatewayConfig.Role.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("--role: " + value + " (expected: one of all, proxy, admin)");
            return previous;
        }
    }
}
