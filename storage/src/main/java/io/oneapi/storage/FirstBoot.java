package io.oneapi.storage;

import io.oneapi.config.GatewayConfig.BootstrapSettings;
import java.time.Instant;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One API's first start (inventory 6.9): when {@code users} is empty, create {@code root} with the default
 * password {@code 123456}, and the initial root API key when {@code INITIAL_ROOT_TOKEN} is set. Both rows are
 * written in one transaction; any later start changes nothing.
 *
 * <p>{@code INITIAL_ROOT_TOKEN} is stored as the bare key: a leading {@code sk-} (the form clients send) is
 * removed, because the relay strips it from requests. A value containing {@code -} (the relay splits keys on it
 * to read a pinned channel) or longer than 48 characters could never authenticate, so it stops the start-up.
 */
public final class FirstBoot {
    private static final Logger LOG = LoggerFactory.getLogger(FirstBoot.class);
    static final String ROOT_USERNAME = "root";
    static final String DEFAULT_PASSWORD = "123456";
    static final long ROOT_QUOTA = 500_000_000_000_000L;
    static final String INITIAL_TOKEN_NAME = "Initial Root Token";
    private static final Pattern TOKEN_KEY = Pattern.compile("[\\x21-\\x2C\\x2E-\\x7E]{1,48}");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("[\\x21-\\x7E]{1,32}");

    private FirstBoot() {
    }

    /**
     * @return true when this call created the root account; false when users existed (or another node
     *     created them at the same moment)
     * @throws StorageException when {@code INITIAL_ROOT_TOKEN} or {@code INITIAL_ROOT_ACCESS_TOKEN} is unusable
     */
    public static boolean ensureRootAccount(Storage storage, BootstrapSettings bootstrap) {
        if (storage.users().count() > 0) {
            return false;
        }
        String tokenKey = initialTokenKey(bootstrap.initialRootToken());
        String accessToken = accessToken(bootstrap.initialRootAccessToken());
        long now = Instant.now().getEpochSecond();
        User root = new User(0, ROOT_USERNAME, Passwords.hash(DEFAULT_PASSWORD), "Root User", User.ROLE_ROOT,
                User.STATUS_ENABLED, "", "", "", "", "", accessToken, ROOT_QUOTA, 0, 0, "default", Keys.affCode(), 0);
        boolean created;
        try {
            created = storage.database().inTransaction(tx -> {
                if (tx.queryLong("SELECT COUNT(*) FROM users") > 0) {
                    return false;
                }
                int rootId = storage.jdbcUsers().insert(tx, root);
                if (!tokenKey.isEmpty()) {
                    storage.jdbcTokens().insert(tx, new Token(0, rootId, tokenKey, Token.STATUS_ENABLED,
                            INITIAL_TOKEN_NAME, now, now, -1, ROOT_QUOTA, true, 0, "", ""));
                }
                return true;
            });
        } catch (ConstraintViolationException e) {
            if (storage.users().count() > 0) {
                LOG.info("another node created the root account first");
                return false;
            }
            throw e;
        }
        if (created) {
            LOG.warn("created the root account '{}' with the default password: sign in and change it now",
                    ROOT_USERNAME);
            if (!tokenKey.isEmpty()) {
                LOG.info("created the initial root API key from INITIAL_ROOT_TOKEN");
            }
        }
        return created;
    }

    static String initialTokenKey(String configured) {
        String key = configured == null ? "" : configured.strip();
        if (key.startsWith("sk-")) {
            key = key.substring(3);
        }
        if (!key.isEmpty() && !TOKEN_KEY.matcher(key).matches()) {
            throw new StorageException("INITIAL_ROOT_TOKEN: unusable value (expected: the key without '-' or"
                    + " spaces, at most 48 characters, optionally prefixed with sk-)");
        }
        return key;
    }

    static String accessToken(String configured) {
        String token = configured == null ? "" : configured.strip();
        if (token.isEmpty()) {
            return Keys.accessToken();
        }
        if (!ACCESS_TOKEN.matcher(token).matches()) {
            throw new StorageException("INITIAL_ROOT_ACCESS_TOKEN: unusable value (expected: at most 32 characters,"
                    + " no spaces)");
        }
        return token;
    }
}
